import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import Logging
import Testing

/// The demo's whole purchase over real HTTP: the shop and its mounted sandbox provider in one
/// `boutique serve`, driven like a browser.
@Suite("Payment journey", .serialized)
struct PaymentJourneyTests {
    struct Shop {
        let process: BoutiqueProcess
        let folder: TemporaryFolder
        let base: String
    }

    static func start() async throws -> Shop {
        let folder = try TemporaryFolder()
        let port = try FreePort.pick()
        let process = try BoutiqueProcess.start(["serve", "--port", "\(port)"], environment: [
            "BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error",
            "BOUTIQUE_PSP_NOTIFY_DELAY": "0",
        ])
        _ = try await HTTP.waitForPage("http://127.0.0.1:\(port)/health", timeout: 60)
        return Shop(process: process, folder: folder, base: "http://127.0.0.1:\(port)")
    }

    /// Logs Marie in, fills the guide's cart, orders, and opens the provider's page.
    static func orderAndOpenPaymentPage(_ browser: Curl) async throws -> (orderPath: String, page: Curl.Reply, payURL: String) {
        _ = try await browser.get("/connexion")
        #expect(try await browser.post("/connexion", ["email": "marie.dupont@demo.test", "password": "boutique-demo"]).status == 303)
        let product = try #require(Curl.field("product", in: try await browser.get("/produits/e-carte-economies").body))
        for amount in ["50", "100", "10"] {
            #expect(try await browser.post("/panier/lignes", ["product": product, "amount": amount, "quantity": "1"]).status == 303)
        }
        let placed = try await browser.post("/commandes", ["terms": "on"])
        let orderPath = try #require(placed.location).replacingOccurrences(of: "/paiement", with: "")
        let pay = try await browser.post(orderPath.replacingOccurrences(of: "http://127.0.0.1", with: "http://127.0.0.1") + "/payer", [:])
        let payURL = try #require(pay.location)
        return (orderPath, try await browser.get(payURL), payURL)
    }

    static func waitForStatus(_ label: String, browser: Curl, timeout: Double = 30) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var page = ""
        while Date() < deadline {
            page = try await browser.get("/compte/commandes").body
            if page.contains(label) { return page }
            try await Task.sleep(for: .milliseconds(250))
        }
        return page
    }

    /// The operator opens the refund's confirmation page, confirms it, then confirms again; what
    /// the sandbox had refunded of `token` while the page was shown (before the POST).
    static func refundTwice(_ shop: Shop, orderID: String, token: String)
        async throws -> (preview: Curl.Reply, refundedBeforeConfirming: Int, first: Curl.Reply, second: Curl.Reply) {
        let operatorBrowser = Curl(base: shop.base, folder: shop.folder.path)
        _ = try await operatorBrowser.get("/connexion")
        #expect(try await operatorBrowser.post("/connexion", ["email": "operateur@demo.test", "password": "boutique-demo"]).status == 303)
        let preview = try await operatorBrowser.get("/admin/commandes/\(orderID)/rembourser")
        try await Task.sleep(for: .milliseconds(500))
        let before = try await sandboxPayment(shop, token: token)["refundedAmount"] as? Int ?? -1
        let amount = try #require(Curl.field("montant", in: preview.body))
        let first = try await operatorBrowser.post("/admin/commandes/\(orderID)/rembourser", ["montant": amount])
        let second = try await operatorBrowser.post("/admin/commandes/\(orderID)/rembourser", ["montant": amount])
        return (preview, before, first, second)
    }

    /// The sandbox's view of a payment (merchant API).
    static func sandboxPayment(_ shop: Shop, token: String) async throws -> [String: Any] {
        let data = Data(try await Curl.output(of: ["curl", "-s", "-m", "10", "-u", "boutique-demo:sandbox-demo-secret",
                                                    "\(shop.base)/_sandbox/psp/v1/web-payments/\(token)"]).utf8)
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// What the sandbox provider says it refunded for a payment, polled until it is `expected`
    /// (the refund runs as a background job).
    static func refundedBySandbox(_ shop: Shop, token: String, expected: Int) async throws -> Int {
        let deadline = Date().addingTimeInterval(30)
        var refunded = -1
        while Date() < deadline {
            let data = Data(try await Curl.output(of: ["curl", "-s", "-m", "10", "-u", "boutique-demo:sandbox-demo-secret",
                                                        "\(shop.base)/_sandbox/psp/v1/web-payments/\(token)"]).utf8)
            refunded = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["refundedAmount"] as? Int ?? -1
            if refunded == expected { return refunded }
            try await Task.sleep(for: .milliseconds(250))
        }
        return refunded
    }

    @Test("pay with a 3-D Secure card: waiting for confirmation, then Validé, the e-mail in the mailbox and the invoice")
    func threeDSecure() async throws {
        // setup
        let shop = try await Self.start()
        defer { shop.process.kill() }
        let browser = Curl(base: shop.base, folder: shop.folder.path)
        let (_, page, payURL) = try await Self.orderAndOpenPaymentPage(browser)
        #expect(page.body.contains("CMD-000001") && page.body.contains("152,00\u{00A0}€"))
        // act: the 3-D Secure card, then the code the "SMS" shows
        let card = try await browser.post(payURL, ["csrf": try #require(Curl.field("csrf", in: page.body)), "card_type": "VISA",
                                                   "card_number": "4970 1000 0000 0014", "expiry": "12/30", "cvv": "123"], csrf: false)
        let challenge = try await browser.get(try #require(card.location))
        let code = try #require(challenge.body.range(of: "id=\"sms-code\">").map { String(challenge.body[$0.upperBound...].prefix(6)) })
        let confirmed = try await browser.post(shop.base + "/_sandbox/psp/pay/" + (payURL.split(separator: "/").last.map(String.init) ?? "") + "/3ds",
                                               ["csrf": try #require(Curl.field("csrf", in: challenge.body)), "code": code], csrf: false)
        let back = try await browser.get(try #require(confirmed.location))
        // The notification validates the order, then the issuer activates it with its cards.
        let validated = try await Self.waitForStatus("Activé", browser: browser, timeout: 90)
        // check
        #expect(back.body.contains("En attente de confirmation de paiement"))
        #expect(validated.contains("Commande N° CMD-000001") && validated.contains("Activé") && validated.contains("OBTENIR LA FACTURE"))
        let mailbox = try await browser.get("/_dev/mailbox").body
        #expect(mailbox.contains("Confirmation de votre commande CMD-000001"))
        #expect(mailbox.contains("Vos e-Cartes sont disponibles (CMD-000001)"))
        let cards = try await browser.get("/compte/cartes").body
        #expect(cards.contains("CMD-000001 e-Carte Économies - 5032XXXXXXXXXXX"))
        // …and spends one at a till through the POS API, with the demo key serve printed.
        let cardPath = try #require(cards.range(of: "CMD-000001").flatMap { start in
            cards[start.lowerBound...].range(of: "/telephone\"").map { end -> String in
                let head = cards[..<end.lowerBound]
                return String(head[head.range(of: "/compte/cartes/", options: .backwards)!.lowerBound...])
            }
        })
        let phone = try await browser.get(cardPath + "/telephone").body
        let number = try #require(phone.range(of: "class=\"phone-number\">").map { String(phone[$0.upperBound...].prefix { $0 != "<" }) })
        let key = try #require(shop.process.standardOutput.split(separator: "\n")
            .first { $0.hasPrefix("Clé d'API de caisse (POS) de démonstration : ") }?.split(separator: " ").last.map(String.init))
        let till = try await Curl.json("\(shop.base)/api/pos/v1/redemptions", key: key, idempotencyKey: "journey-1",
                                       body: #"{"cardNumber":"\#(number.replacingOccurrences(of: " ", with: ""))","amount":1000,"currency":"EUR","storeCode":"DEMO-0001"}"#)
        #expect(till.status == 201, "\(till.body)")
        let balance = try await browser.get(cardPath).body
        #expect(balance.contains("Paiement") && balance.contains("DEMO-0001"))
        let orderID = try #require(validated.range(of: "/compte/commandes/").map { String(validated[$0.upperBound...].prefix(36)) })
        let invoice = try await browser.get("/compte/commandes/\(orderID)/facture")
        #expect(invoice.status == 200 && invoice.body.hasPrefix("%PDF-"))
        // The operator refunds the partly used order: 152.00 € paid, 10.00 € spent at 5 % off → 142.50 € back.
        let token = try #require(payURL.split(separator: "/").last.map(String.init))
        let refund = try await Self.refundTwice(shop, orderID: orderID, token: token)
        #expect(refund.preview.status == 200 && refund.preview.body.contains("Rembourser la commande CMD-000001 ?"))
        #expect(refund.preview.body.contains("Solde") && refund.preview.body.contains("Confirmer le remboursement de 142,50\u{00A0}€"))
        #expect(refund.refundedBeforeConfirming == 0)
        #expect(refund.first.status == 303 && refund.second.status == 422 && refund.second.body.contains("déjà remboursée"))
        #expect(try await Self.refundedBySandbox(shop, token: token, expected: 14_250) == 14_250)
        #expect(try await browser.get("/compte/commandes").body.contains("Remboursée"))
        let blocked = try await Curl.json("\(shop.base)/api/pos/v1/redemptions", key: key, idempotencyKey: "journey-2",
                                          body: #"{"cardNumber":"\#(number.replacingOccurrences(of: " ", with: ""))","amount":100,"currency":"EUR","storeCode":"DEMO-0001"}"#)
        #expect(blocked.status == 422 && blocked.body.contains("card_blocked"), "\(blocked.body)")
    }

    @Test("a refused card shows the guide's advice; the retry with another card validates the order")
    func refusalThenRetry() async throws {
        // setup
        let shop = try await Self.start()
        defer { shop.process.kill() }
        let browser = Curl(base: shop.base, folder: shop.folder.path)
        let (orderPath, page, payURL) = try await Self.orderAndOpenPaymentPage(browser)
        // act
        let refused = try await browser.post(payURL, ["csrf": try #require(Curl.field("csrf", in: page.body)), "card_type": "VISA",
                                                      "card_number": "4970100000000022", "expiry": "12/30", "cvv": "123"], csrf: false)
        let back = try await browser.get(try #require(refused.location))
        let retry = try await browser.post(orderPath + "/payer", [:])
        let secondPage = try await browser.get(try #require(retry.location))
        let paid = try await browser.post(try #require(retry.location), ["csrf": try #require(Curl.field("csrf", in: secondPage.body)),
                                                                          "card_type": "VISA", "card_number": "4970100000000006",
                                                                          "expiry": "12/30", "cvv": "123"], csrf: false)
        _ = try await browser.get(try #require(paid.location))
        let validated = try await Self.waitForStatus("Activé", browser: browser, timeout: 90)
        // check
        #expect(back.status == 402 && back.body.contains("Votre paiement a été refusé."))
        #expect(back.body.contains("utiliser une carte bancaire française"))
        #expect(back.body.contains("Réessayer le paiement"))
        #expect(validated.contains("Activé"))
        // A full refund through the sandbox provider, refused the second time.
        let orderID = try #require(validated.range(of: "/compte/commandes/").map { String(validated[$0.upperBound...].prefix(36)) })
        let token = try #require(retry.location?.split(separator: "/").last.map(String.init))
        let refund = try await Self.refundTwice(shop, orderID: orderID, token: token)
        #expect(refund.refundedBeforeConfirming == 0 && refund.preview.body.contains("Confirmer le remboursement de 152,00\u{00A0}€"))
        #expect(refund.first.status == 303 && refund.second.status == 422)
        #expect(try await Self.refundedBySandbox(shop, token: token, expected: 15_200) == 15_200)
        #expect(try await browser.get("/_dev/mailbox").body.contains("Remboursement de votre commande CMD-000001"))
    }

    /// Pays a sandbox page with the guide's accepted card; the browser follows the return.
    static func pay(_ browser: Curl, payURL: String) async throws {
        let page = try await browser.get(payURL)
        let paid = try await browser.post(payURL, ["csrf": try #require(Curl.field("csrf", in: page.body)), "card_type": "VISA",
                                                   "card_number": "4970100000000006", "expiry": "12/30", "cvv": "123"], csrf: false)
        _ = try await browser.get(try #require(paid.location))
    }

    @Test("paying again resumes the open page; a second charge (a page opened before the upgrade) is refunded, one charge kept")
    func doubleCharge() async throws {
        // setup: Marie's order, its payment page open
        let shop = try await Self.start()
        defer { shop.process.kill() }
        let browser = Curl(base: shop.base, folder: shop.folder.path)
        let (orderPath, _, firstURL) = try await Self.orderAndOpenPaymentPage(browser)
        // act: « Payer » again while the page is open goes back to it…
        let resumed = try await browser.post(orderPath + "/payer", [:])
        // …but a page opened by the previous version (which kept no page) cannot be resumed: a second one opens.
        let database = try await BoutiqueDatabase.open(.sqliteFile(path: shop.folder.path + "/boutique.sqlite"), logger: Logger(label: "test"))
        try await PaymentAttempt.query(on: database.db).set(\.$redirectURL, to: nil).update()
        await database.close()
        let second = try await browser.post(orderPath + "/payer", [:])
        let secondURL = try #require(second.location)
        try await Self.pay(browser, payURL: secondURL)
        try await Self.pay(browser, payURL: firstURL)
        let activated = try await Self.waitForStatus("Activé", browser: browser, timeout: 90)
        let tokens = [firstURL, secondURL].compactMap { $0.split(separator: "/").last.map(String.init) }
        // Whichever charge confirmed second goes back: one token ends refunded in full, the other not at all.
        let deadline = Date().addingTimeInterval(30)
        var refunded: [Int] = []
        while Date() < deadline {
            refunded = []
            for token in tokens { refunded.append(try await Self.sandboxPayment(shop, token: token)["refundedAmount"] as? Int ?? -1) }
            if refunded.sorted() == [0, 15_200] { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        // check
        #expect(resumed.location == firstURL)
        #expect(secondURL != firstURL)
        #expect(activated.contains("Activé"))
        #expect(refunded.sorted() == [0, 15_200], "\(refunded)")
        let mailbox = try await browser.get("/_dev/mailbox").body
        #expect(mailbox.contains("un paiement de votre commande CMD-000001"))
        let operatorBrowser = Curl(base: shop.base, folder: shop.folder.path)
        _ = try await operatorBrowser.get("/connexion")
        _ = try await operatorBrowser.post("/connexion", ["email": "operateur@demo.test", "password": "boutique-demo"])
        let orderID = try #require(activated.range(of: "/compte/commandes/").map { String(activated[$0.upperBound...].prefix(36)) })
        let page = try await operatorBrowser.get("/admin/commandes/\(orderID)").body
        #expect(tokens.allSatisfy { page.contains($0) })
        #expect(page.contains("Paiement en double (remboursé automatiquement)") && page.contains("Remboursé</dt><dd>152,00\u{00A0}€"))
        let list = try await operatorBrowser.get("/admin/commandes").body
        #expect(list.contains("remboursé 152,00\u{00A0}€"))
    }
}
