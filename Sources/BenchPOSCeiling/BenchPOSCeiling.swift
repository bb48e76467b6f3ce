import BoutiquePOS
import Foundation
import Hummingbird

/// Serves `POSCeiling` on 127.0.0.1 (port from BENCH_PORT, 18182 by default) until killed:
/// `scripts/bench-pos` runs the redemptions' wrk script against it, to print the ceiling that the
/// HTTP server and the OpenAPI runtime alone put on a POS operation.
@main
struct BenchPOSCeiling {
    static func main() async throws {
        let port = ProcessInfo.processInfo.environment["BENCH_PORT"].flatMap(Int.init) ?? 18182
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        try POSCeiling.addRoutes(to: router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
