import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Testing

@Suite("POS API under concurrency")
struct POSConcurrencyTests {
    @Test("64 concurrent 7.00 € redemptions on a 100.00 € card: 14 accepted, the rest insufficient_funds", arguments: TestEngine.available)
    func noOverspend(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup
            let card = try #require(try await api.issue(cents: 10_000).first)
            // act
            let answers = try await withThrowingTaskGroup(of: POSAnswer.self) { group in
                for _ in 0..<64 { group.addTask { try await api.redeem(card, cents: 700) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(answers.filter { $0.status == 201 }.count == 14)
            #expect(answers.filter { $0.problem == "insufficient_funds" && $0.status == 422 }.count == 50)
            #expect(try await api.balance(card) == 200)
            try await api.expectBalanced()
        }
    }

    @Test("10 cards, concurrent redemptions mixed with reversals: balances match the accepted operations", arguments: TestEngine.available)
    func mixedWithReversals(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup
            let cards = try await api.issue(cents: 10_000, count: 10)
            let first = try await withThrowingTaskGroup(of: (Int, POSAnswer).self) { group in
                for (index, card) in cards.enumerated() { for _ in 0..<8 { group.addTask { (index, try await api.redeem(card, cents: 700)) } } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let toReverse = first.filter { $0.1.status == 201 }.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            // act
            let second = try await withThrowingTaskGroup(of: (Int, POSAnswer, Bool).self) { group in
                for (index, answer) in toReverse {
                    let id = try #require(answer.redemptionID)
                    group.addTask { (index, try await api.reverse(id), true) }
                    group.addTask { (index, try await api.reverse(id), true) }
                }
                for (index, card) in cards.enumerated() { for _ in 0..<8 { group.addTask { (index, try await api.redeem(card, cents: 700), false) } } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            for (index, card) in cards.enumerated() {
                let debits = (first.filter { $0.0 == index } + second.filter { $0.0 == index && !$0.2 }.map { ($0.0, $0.1) })
                    .filter { $0.1.status == 201 }.count
                let reversals = second.filter { $0.0 == index && $0.2 && $0.1.status == 201 }.count
                #expect(reversals == toReverse.filter { $0.0 == index }.count)
                #expect(try await api.balance(card) == 10_000 - 700 * Int64(debits - reversals))
                #expect(try await api.balance(card) >= 0)
            }
            #expect(second.filter { $0.2 && $0.1.status == 409 }.allSatisfy { $0.1.problem == "already_reversed" })
            try await api.expectBalanced()
        }
    }

    @Test("retries of keys answered before, mixed with new redemptions on the same card: each key debits once", arguments: TestEngine.available)
    func retriesAmongNewRedemptions(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup: five redemptions answered, then the tills retry them while 40 new ones arrive
            let card = try #require(try await api.issue(cents: 10_000).first)
            let keys = (0..<5).map { _ in UUID().uuidString }
            var first: [String: POSAnswer] = [:]
            for key in keys { first[key] = try await api.redeem(card, cents: 100, key: key) }
            // act
            let answers = try await withThrowingTaskGroup(of: (String?, POSAnswer).self) { group in
                for key in keys { for _ in 0..<3 { group.addTask { (key, try await api.redeem(card, cents: 100, key: key)) } } }
                for _ in 0..<40 { group.addTask { (nil, try await api.redeem(card, cents: 100)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: the retries get their first answer back, the new ones are debited once each
            for (key, answer) in answers { if let key { #expect(answer == first[key]) } }
            #expect(answers.filter { $0.0 == nil && $0.1.status == 201 }.count == 40)
            #expect(try await api.balance(card) == 10_000 - 45 * 100)
            try await api.expectBalanced()
        }
    }

    @Test("the same Idempotency-Key sent 10 times at once: one debit, ten identical answers", arguments: TestEngine.available)
    func idempotentReplay(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup
            let card = try #require(try await api.issue(cents: 10_000).first)
            let key = UUID().uuidString
            // act
            let answers = try await withThrowingTaskGroup(of: POSAnswer.self) { group in
                for _ in 0..<10 { group.addTask { try await api.redeem(card, cents: 1_234, key: key) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let conflict = try await api.redeem(card, cents: 1_000, key: key)
            // check
            #expect(answers.allSatisfy { $0 == answers[0] } && answers[0].status == 201)
            #expect(try await api.balance(card) == 10_000 - 1_234)
            #expect(conflict.status == 409 && conflict.problem == "idempotency_conflict")
            try await api.expectBalanced()
        }
    }

    @Test("a redemption is reversed at most once, by concurrent reversals with other keys or the same key", arguments: TestEngine.available)
    func reverseOnce(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup
            let card = try #require(try await api.issue(cents: 5_000).first)
            let id = try #require(try await api.redeem(card, cents: 2_000).redemptionID)
            let sameKey = UUID().uuidString
            // act
            let answers = try await withThrowingTaskGroup(of: POSAnswer.self) { group in
                for n in 0..<12 { group.addTask { try await api.reverse(id, key: n % 2 == 0 ? sameKey : UUID().uuidString) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            let created = answers.filter { $0.status == 201 }
            #expect(Set(created.map(\.body)).count == 1)
            #expect(answers.filter { $0.status != 201 }.allSatisfy { $0.status == 409 && $0.problem == "already_reversed" })
            #expect(try await api.balance(card) == 5_000)
            try await api.expectBalanced()
        }
    }
}
