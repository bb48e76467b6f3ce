import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operator console: POS clients")
struct AdminPOSTests {
    /// The POS API's answer status to a card lookup with `key`: 401 for a bad key, something
    /// else (the card is unknown) for a good one.
    static func lookupStatus(_ client: any TestClientProtocol, key: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/api/pos/v1/card-lookups", method: .post,
                                 headers: [.contentType: "application/json", .authorization: "Bearer \(key)"],
                                 body: ByteBuffer(string: "{\"cardNumber\":\"5032000000000000000\"}")).status
    }

    /// The key printed once on the page, alone in its `<code class="secret">`.
    static func shownKey(_ html: String) -> String? {
        guard let start = html.range(of: "<code class=\"secret\">"), let end = html.range(of: "</code>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("the operator creates a client whose key is shown once, adds a store and a key, and a revoked key gets 401",
          arguments: TestEngine.available)
    func lifecycle(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let created = try await operatorBrowser.post("/admin/caisses", ["name": "Lumière Market", "storeCodes": "lm-001, LM-002"])
            let key = try #require(Self.shownKey(created.text))
            let list = try await operatorBrowser.get("/admin/caisses")
            let summary = try #require(try await POSClients(database: database).list().first)
            let beforeRevoke = try await Self.lookupStatus(client, key: key)
            let stores = try await operatorBrowser.post("/admin/caisses/\(summary.id)/magasins", ["storeCodes": "LM-003"])
            let second = try await operatorBrowser.post("/admin/caisses/\(summary.id)/cles", [:])
            let secondKey = try #require(Self.shownKey(second.text))
            let secondStatus = try await Self.lookupStatus(client, key: secondKey)
            let keyID = try #require(summary.keys.first?.id)
            let revoked = try await operatorBrowser.post("/admin/caisses/cles/\(keyID)/revoquer", [:])
            // The API caches known keys for 5 s: the revoked key must be refused within that time.
            var afterRevoke = try await Self.lookupStatus(client, key: key)
            let deadline = ContinuousClock.now + .seconds(7)
            while afterRevoke != .unauthorized, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                afterRevoke = try await Self.lookupStatus(client, key: key)
            }
            let again = try await operatorBrowser.post("/admin/caisses/cles/\(keyID)/revoquer", [:])
            // check
            #expect(created.status == .ok && key.hasPrefix(POSKeys.prefix) && key.count > 40)
            #expect(!list.text.contains(key) && list.text.contains(POSKeys.hint(key)))
            #expect(list.text.contains("LM-001, LM-002"))
            #expect(beforeRevoke != .unauthorized)
            #expect(stores.headers[.location] == "/admin/caisses?ok=magasins")
            #expect(try await POSClients(database: database).list().first?.storeCodes == ["LM-001", "LM-002", "LM-003"])
            #expect(secondKey != key && secondStatus != .unauthorized)
            #expect(revoked.headers[.location] == "/admin/caisses?ok=revoquee")
            #expect(afterRevoke == .unauthorized)
            #expect(again.status == .notFound)
            #expect(try await POSClients(database: database).list().first?.keys.first?.lastUsedAt != nil)
            let actions = try await AuditEntry.query(on: database.db).all().map { AuditAction.label(of: $0.action) }
            #expect(actions.contains("Client de caisse créé") && actions.contains("Clé de caisse créée") && actions.contains("Clé de caisse révoquée"))
            #expect(!(try await AuditEntry.query(on: database.db).all()).contains { $0.details.contains(key) })
        }
    }

    @Test("a bad name, a bad code or another client's store re-render the page and create nothing", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await POSClients(database: database).create(actor: .commandLine, name: "Maison Lumière", storeCodes: ["ML-1"])
            // act
            let noName = try await operatorBrowser.post("/admin/caisses", ["name": " ", "storeCodes": "A1"])
            let badCode = try await operatorBrowser.post("/admin/caisses", ["name": "Autre", "storeCodes": "A1, <b>"])
            let taken = try await operatorBrowser.post("/admin/caisses", ["name": "Autre", "storeCodes": "A2, ml-1"])
            // check
            #expect(noName.status == .unprocessableContent && noName.text.contains("Nom de client de caisse invalide"))
            #expect(badCode.status == .unprocessableContent && badCode.text.contains("Code magasin invalide"))
            #expect(taken.status == .unprocessableContent && taken.text.contains("appartient déjà à un autre client de caisse"))
            let clients = try await POSClients(database: database).list()
            #expect(clients.count == 1 && clients[0].storeCodes == ["ML-1"])
        }
    }
}
