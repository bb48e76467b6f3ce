import BoutiqueCore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A real Hummingbird server on 127.0.0.1 and a port the kernel picks, for the time of `body`.
enum LiveServer {
    struct StartFailure: Error {}

    static func run<T: Sendable>(_ router: Router<BasicRequestContext>, services: [any Service] = [],
                                 logger: Logger = LiveServer.quietLogger,
                                 _ body: @Sendable (_ port: Int) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
                              services: services,
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port ?? 0)
                                  continuation.finish()
                              },
                              logger: logger)
        // Stopped by a graceful shutdown, as SIGTERM would: cancelling the task instead makes
        // the server log errors about its open channels.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                await group.triggerGracefulShutdown()
                throw StartFailure()
            }
            do {
                let result = try await body(port)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    static let quietLogger: Logger = {
        var logger = Logger(label: "boutique.tests.live")
        logger.logLevel = .warning
        return logger
    }()
}
