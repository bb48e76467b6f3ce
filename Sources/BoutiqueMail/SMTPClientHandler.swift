import Foundation
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

/// The first failure seen on a connection, readable from any thread.
///
/// Once the channel is closed its handlers are gone, so a later write fails with a bland "closed
/// channel" error; the client reports this recorded cause instead (say, a rejected certificate).
final class SMTPFailureRecorder: @unchecked Sendable {
    // @unchecked: `first` is only touched under `lock`.
    private let lock = NSLock()
    private var first: (any Error)?

    var firstFailure: (any Error)? { lock.withLock { first } }

    func record(_ error: any Error) {
        lock.withLock { if first == nil { first = error } }
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
    private let recorder: SMTPFailureRecorder
    private var waiters = CircularBuffer<Waiter>()
    /// Replies that came before anyone asked: normally the greeting, which the server sends as soon
    /// as the connection opens, often before the client waits for it.
    private var unclaimedReplies = CircularBuffer<SMTPReply>()
    private var failure: (any Error)?

    init(timeout: TimeAmount, recorder: SMTPFailureRecorder) {
        self.timeout = timeout
        self.recorder = recorder
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        if let early = unclaimedReplies.popFirst() {
            // Only a greeting is expected here; anything else (such as 421 before a close) is
            // handed to the next command, which then fails with the server's own words.
            request.reply.succeed(early)
            promise?.succeed()
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
        guard let waiter = waiters.popFirst() else {
            unclaimedReplies.append(reply)
            return
        }
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
        recorder.record(error)
        let pending = waiters
        waiters.removeAll()
        for waiter in pending {
            waiter.timer?.cancel()
            waiter.promise.fail(error)
        }
        if context.channel.isActive { context.close(promise: nil) }
    }
}
