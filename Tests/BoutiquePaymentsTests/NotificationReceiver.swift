import BoutiqueCore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The shop's notification endpoint, as far as the sandbox can tell: records each call and
/// answers 500 to the first `failures` of them.
final class NotificationReceiver: Sendable {
    struct Call: Sendable {
        let body: Data
        let signature: String?
        let status: Int
        let receivedAt: Date
    }

    private let state: Mutex<(failuresLeft: Int, calls: [Call])>

    init(failures: Int = 0) {
        state = Mutex((failures, []))
    }

    var calls: [Call] { state.withLock { $0.calls } }

    var router: Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/notify") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 65_536)
            let status = self.state.withLock { state -> Int in
                let status = state.failuresLeft > 0 ? 500 : 200
                state.failuresLeft -= 1
                state.calls.append(Call(body: Data(buffer: body), signature: request.headers[HTTPField.Name("Sandbox-Signature")!],
                                        status: status, receivedAt: Date()))
                return status
            }
            return Response(status: .init(code: status))
        }
        return router
    }

    /// Waits until `count` calls have arrived, or `timeout` seconds.
    func waitForCalls(_ count: Int, timeout: Double = 30) async throws -> [Call] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let calls = self.calls
            if calls.count >= count { return calls }
            try await Task.sleep(for: .milliseconds(50))
        }
        return calls
    }
}
