import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Card ledger")
struct CardLedgerTests {
    @Test("64 concurrent 7.00 € debits on a 100.00 € card: exactly 14 pass, 2.00 € left", arguments: TestEngine.available)
    func concurrentDebits(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            let card = try #require(try await fixture.issue(cents: 10_000).first)
            let till = try await TestTill.open(database, secrets: CardFixture.secrets)
            // act
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        if case .success = try await till.spend(number: card.number, pin: card.pin, cents: 700) { return true }
                        return false
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            // check
            #expect(accepted == 14)
            #expect(try await fixture.balance(card.id) == 200)
            try await fixture.expectBalanced()
        }
    }

    @Test("a redemption is reversed at most once, even by concurrent reversals", arguments: TestEngine.available)
    func reversalOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            let card = try #require(try await fixture.issue(cents: 5_000).first)
            let till = try await TestTill.open(database, secrets: CardFixture.secrets)
            let spent = try await till.spend(number: card.number, pin: card.pin, cents: 1_500).get()
            let redemption = try #require(try await CardLedger.transaction(id: spent.redemptionID, on: database.sql))
            // act
            let reversed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        do {
                            return try await database.withSQLTransaction { sql in
                                guard try await CardLedger.reverse(redemption, entry: LedgerEntry(createdAt: EpochMilliseconds.from(Date())), on: sql) != nil else {
                                    throw CancellationError()
                                }
                                return true
                            }
                        } catch is CancellationError {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            // check
            #expect(reversed == 1)
            #expect(try await fixture.balance(card.id) == 5_000)
            try await fixture.expectBalanced()
        }
    }

    @Test("expiry writes the balance off once, with an expiry row", arguments: TestEngine.available)
    func expiry(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            let old = try CalendarDate(year: 2020, month: 1, day: 15)
            let expired = try #require(try await fixture.issue(cents: 3_000, purchasedOn: old).first)
            let live = try #require(try await fixture.issue(cents: 3_000).first)
            let expiry = CardExpiry(database: database)
            // act
            let first = try await expiry.run()
            let second = try await expiry.run()
            // check
            #expect(first == 1 && second == 0)
            let card = try #require(try await CardLedger.card(id: expired.id, on: database.sql))
            #expect(card.status == .expired && card.balanceCents == 0)
            let rows = try await CardLedger.transactions(cardID: expired.id, on: database.sql)
            #expect(rows.map(\.kind) == [.issue, .expiry] && rows.last?.amountCents == -3_000)
            #expect(try await fixture.balance(live.id) == 3_000)
            try await fixture.expectBalanced()
        }
    }

    @Test("validity: bought 10/07/2019, last day 09/07/2020, unusable from 10/07/2020 00:00 Paris")
    func validity() async throws {
        try await TestEngine.sqlite.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            // act
            let card = try #require(try await fixture.issue(cents: 4_400, purchasedOn: try CalendarDate(year: 2019, month: 7, day: 10)).first)
            // check
            let stored = try #require(try await CardLedger.card(id: card.id, on: database.sql))
            #expect(card.lastDay.french == "09/07/2020" && stored.lastDay == "2020-07-09")
            #expect(stored.expiresAt == 1_594_332_000_000) // 2020-07-09T22:00:00Z
            #expect(stored.effectiveStatus(at: 1_594_331_999_999) == .active)
            #expect(stored.effectiveStatus(at: 1_594_332_000_000) == .expired)
        }
    }
}
