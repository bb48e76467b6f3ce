import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Card issuance")
struct CardIssuerTests {
    @Test("issuing an order line twice gives the same cards, no more", arguments: TestEngine.available)
    func idempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            let line = UUID()
            // act
            let first = try await fixture.issue(count: 5, cents: 4_400, orderLineID: line)
            let second = try await fixture.issue(count: 5, cents: 4_400, orderLineID: line)
            // check
            #expect(first.count == 5 && first.map(\.id) == second.map(\.id))
            #expect(first.map(\.number) == second.map(\.number) && first.map(\.pin) == second.map(\.pin))
            #expect(first.map(\.lineIndex) == [0, 1, 2, 3, 4])
            let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM cards").first()?.decode(column: "n", as: Int.self)
            #expect(count == 5)
            try await fixture.expectBalanced()
        }
    }

    @Test("concurrent issuers of one order line end with exactly its cards", arguments: TestEngine.available)
    func concurrentIssuers(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            let line = UUID()
            // act
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await fixture.issue(count: 250, cents: 1_000, orderLineID: line) } }
                try await group.waitForAll()
            }
            // check
            let cards = try await CardLedger.cards(orderLineID: line, on: database.sql)
            #expect(cards.count == 250 && Set(cards.compactMap(\.lineIndex)) == Set(0..<250))
            try await fixture.expectBalanced()
        }
    }

    @Test("numbers are valid, unique, sealed at rest and found by their keyed hash", arguments: [TestEngine.sqlite])
    func sealedAtRest(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let fixture = try await CardFixture.make(database)
            // act
            let cards = try await fixture.issue(count: 50, cents: 2_000)
            // check
            #expect(Set(cards.map(\.number)).count == 50)
            #expect(cards.allSatisfy { $0.number.digits.hasPrefix("5032") && Luhn.isValid($0.number.digits) })
            let card = try #require(cards.first)
            let stored = try #require(try await CardLedger.card(numberHash: CardFixture.secrets.lookupHash(card.number), on: database.sql))
            #expect(stored.id == card.id && stored.last4 == card.number.last4)
            #expect(!String(decoding: stored.numberSealed, as: UTF8.self).contains(card.number.digits))
            #expect(try CardFixture.secrets.number(of: stored) == card.number && CardFixture.secrets.pin(of: stored) == card.pin)
            #expect(!"\(stored)".contains(card.number.digits) && !"\(card)".contains(card.number.digits))
            // A sealed number moved to another card's row does not open.
            #expect(throws: (any Error).self) { try CardFixture.secrets.open(stored.numberSealed, cardID: UUID(), field: "number") }
        }
    }

    @Test("the demo key file is created once, 0600, and read back")
    func keyFile() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("card-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // act
        let first = try CardSecrets.loadOrCreateKeyFile(folder: folder)
        let second = try CardSecrets.loadOrCreateKeyFile(folder: folder)
        // check
        #expect(first == second && first.count == 32)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/card.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: ConfigurationError.self) { try CardSecrets.load(key: nil, dataFolder: folder, allowGenerated: false) }
        #expect(throws: ConfigurationError.self) { try CardSecrets.key(base64: "c2hvcnQ=") }
    }
}
