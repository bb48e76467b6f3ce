import NIOCore

/// What the client writes into the channel: bytes to send (none when only waiting, as for the
/// greeting) and the promise that receives the server's reply to them.
struct SMTPRequest: Sendable {
    var bytes: ByteBuffer?
    var reply: EventLoopPromise<SMTPReply>
}

/// Why no reply came.
enum SMTPConnectionError: Error, Sendable, CustomStringConvertible {
    case timeout(TimeAmount)
    case closed

    var description: String {
        switch self {
        case .timeout(let amount): return "no reply from the server within \(amount.nanoseconds / 1_000_000) ms"
        case .closed: return "the server closed the connection"
        }
    }
}

/// Matches replies to requests in order (SMTP answers each command once, in order) and fails them
/// on time-out, error or disconnection, so no caller ever waits forever.
///
/// The reply timer starts once the request's bytes are written, so a large DATA payload on a slow
/// link is not mistaken for a silent server.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiter {
        var promise: EventLoopPromise<SMTPReply>
        var timer: Scheduled<Void>?
    }

    private let timeout: TimeAmount
    private var waiters = CircularBuffer<Waiter>()
    private var failure: (any Error)?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        waiters.append(Waiter(promise: request.reply, timer: nil))
        guard let bytes = request.bytes else {
            startTimer(for: request.reply, context: context)
            promise?.succeed()
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        written.futureResult.assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success: startTimer(for: request.reply, context: context)
            case .failure(let error): failAll(error, context: context)
            }
        }
        context.write(wrapOutboundOut(bytes), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        // An unsolicited reply (such as 421 before closing) has no waiter; the close that follows
        // fails the next request instead.
        guard let waiter = waiters.popFirst() else { return }
        waiter.timer?.cancel()
        waiter.promise.succeed(reply)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPConnectionError.closed, context: context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(SMTPConnectionError.closed, context: context)
    }

    private func startTimer(for promise: EventLoopPromise<SMTPReply>, context: ChannelHandlerContext) {
        guard let index = waiters.firstIndex(where: { $0.promise.futureResult === promise.futureResult }) else { return }
        let timeout = self.timeout
        waiters[index].timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            failAll(SMTPConnectionError.timeout(timeout), context: context)
        }
    }

    /// After any failure the session state is unknown, so every waiter fails and the channel closes.
    private func failAll(_ error: any Error, context: ChannelHandlerContext) {
        if failure == nil { failure = error }
        let pending = waiters
        waiters.removeAll()
        for waiter in pending {
            waiter.timer?.cancel()
            waiter.promise.fail(error)
        }
        if context.channel.isActive { context.close(promise: nil) }
    }
}
