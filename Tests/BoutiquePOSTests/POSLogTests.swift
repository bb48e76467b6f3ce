import BoutiqueCore
import BoutiquePOS
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@Suite("POS API logs")
struct POSLogTests {
    @Test("a lookup, redemption and reversal flow logs no card number and no PIN, even at trace level")
    func noSecretsInLogs() async throws {
        // setup: the database, the application and the POS middleware all log into one capture.
        let lines = CapturingLogHandler.Lines()
        let logger = Logger(label: "boutique.capture") { _ in CapturingLogHandler(lines: lines) }
        let database = try await BoutiqueDatabase.open(.sqliteMemory, logger: logger)
        do {
            try await database.migrate()
            try await POSTestAPI.run(database: database, options: POSOptions(), logger: logger) { api in
                let card = try #require(try await api.issue(cents: 5_000).first)
                // act
                _ = try await api.lookup(card.number.digits)
                let redemption = try await api.redeem(card, cents: 700, pin: card.pin.digits)
                _ = try await api.redeem(card, cents: 700, pin: "0000" == card.pin.digits ? "1111" : "0000")
                _ = try await api.redeem(card, cents: 99_999, pin: card.pin.digits)
                _ = try await api.reverse(try #require(redemption.redemptionID))
                _ = try await api.post("/redemptions", json: #"{"cardNumber":"\#(card.number.digits)","amount":"x"}"#, idempotencyKey: "bad")
                // check
                let all = lines.all
                #expect(all.count > 10, "the capture must see the flow's logs")
                #expect(!all.contains { $0.contains(card.number.digits) || $0.contains(card.number.grouped) })
                #expect(!all.contains { $0.contains("\"pin\"") || $0.contains("pin=\(card.pin.digits)") })
                #expect(!all.contains { $0.contains(api.key) })
            }
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }
}
