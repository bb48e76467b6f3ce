import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operator console: resending an e-mail")
struct AdminMailTests {
    @Test("« Renvoyer » from an order's page queues the same message once more; only the operator may", arguments: TestEngine.available)
    func resend(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let mail = TestMail(database: database)
            try await mail.deliver()
            let mailbox = Mailbox(database: database)
            let original = try #require(try await mailbox.messages(to: "marie.dupont@demo.test").first)
            let before = try await mailbox.list().count
            let operatorBrowser = TestBrowser(client), manager = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let orderPath = "/admin/commandes/\(try order.requireID())"
            // act
            let page = try await operatorBrowser.get(orderPath)
            let byManager = try await manager.post("/admin/courriels/\(original.id)/renvoyer", ["retour": orderPath])
            let resent = try await operatorBrowser.post("/admin/courriels/\(original.id)/renvoyer", ["retour": orderPath])
            let elsewhere = try await operatorBrowser.post("/admin/courriels/\(original.id)/renvoyer", ["retour": "https://evil.test/"])
            let unknown = try await operatorBrowser.post("/admin/courriels/999999/renvoyer", [:])
            try await mail.deliver()
            // check
            #expect(page.text.contains(original.message.subject) && page.text.contains("Renvoyer"))
            #expect(byManager.status == .forbidden)
            #expect(resent.headers[.location] == orderPath + "?ok=renvoye")
            #expect(elsewhere.headers[.location] == "/_dev/mailbox/\(original.id)?ok=renvoye")
            #expect(unknown.status == .notFound)
            let after = try await mailbox.list()
            #expect(after.count == before + 2)
            #expect(after.prefix(2).allSatisfy { $0.message.subject == original.message.subject && $0.message.text == original.message.text })
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.mailResent.rawValue).count() == 2)
            #expect(try await operatorBrowser.get("/_dev/mailbox/\(original.id)").text.contains("/admin/courriels/\(original.id)/renvoyer"))
        }
    }
}
