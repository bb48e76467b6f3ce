import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection: sends command lines and awaits their replies, upgrades to TLS.
///
/// It knows the wire protocol but not the session (that is ``SMTPTransport``'s job). Every wait is
/// bounded by the configured timeout, enforced in the pipeline by ``SMTPClientHandler``.
struct SMTPClient: Sendable {
    let channel: any Channel
    private let recorder: SMTPFailureRecorder
    private let logger: Logger

    private init(channel: any Channel, recorder: SMTPFailureRecorder, logger: Logger) {
        self.channel = channel
        self.recorder = recorder
        self.logger = logger
    }

    /// Opens a TCP connection, with TLS from the first byte when `tls` is given (`smtps`).
    static func connect(
        host: String,
        port: Int,
        timeout: TimeAmount,
        tls: (context: NIOSSLContext, serverHostname: String?)?,
        group: any EventLoopGroup,
        logger: Logger
    ) async throws -> SMTPClient {
        let recorder = SMTPFailureRecorder()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try pipeline.addHandler(SMTPClientHandler(timeout: timeout, recorder: recorder))
                }
            }
            .connect(host: host, port: port)
            .get()
        return SMTPClient(channel: channel, recorder: recorder, logger: logger)
    }

    /// Waits for a reply without sending anything: the greeting, or the `220` after `STARTTLS`.
    func readReply() async throws -> SMTPReply {
        try await request(bytes: nil)
    }

    /// Sends one command line (CRLF added) and returns the reply. `logAs` replaces the command in
    /// logs when it carries a secret (AUTH).
    func send(_ command: String, logAs: String? = nil) async throws -> SMTPReply {
        logger.debug("SMTP client: \(logAs ?? command)")
        var buffer = channel.allocator.buffer(capacity: command.utf8.count + 2)
        buffer.writeString(command)
        buffer.writeString("\r\n")
        return try await request(bytes: buffer)
    }

    /// Sends the message content after `354`: `payload` must already be dot-stuffed and end with
    /// `CRLF.CRLF` (see ``SMTPDataEncoder``).
    func sendData(_ payload: ByteBuffer) async throws -> SMTPReply {
        logger.debug("SMTP client: <message content, \(payload.readableBytes) bytes>")
        return try await request(bytes: payload)
    }

    /// Puts TLS under the existing handlers; the caller must then say EHLO again (RFC 3207).
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    /// Closes the connection; never throws, since the outcome is already decided.
    func close() async {
        try? await channel.close()
    }

    private func request(bytes: ByteBuffer?) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        // A write that never reaches the handler (channel already closed) must still end the wait,
        // with the reason the channel closed when there is one.
        let recorder = self.recorder
        channel.writeAndFlush(SMTPRequest(bytes: bytes, reply: promise)).whenFailure { error in
            promise.fail(recorder.firstFailure ?? error)
        }
        let reply = try await promise.futureResult.get()
        logger.debug("SMTP server: \(reply)")
        return reply
    }
}
