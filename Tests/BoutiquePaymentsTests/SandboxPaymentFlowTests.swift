import BoutiqueCore
import BoutiquePayments
import BoutiqueTestSupport
import Foundation
import Testing

/// A customer on the sandbox's hosted page, each test card's outcome, as the shop then sees it.
@Suite("PSP sandbox: hosted page outcomes")
struct SandboxPaymentFlowTests {
    @Test("Frictionless card: paid, back to the shop, then one signed notification after the delay", arguments: TestEngine.available)
    func frictionlessSuccess(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let page = try await fixture.browser.get(creation.redirectURL)
            let before = try await fixture.provider.paymentDetails(reference: creation.reference)

            // act
            let paidAt = Date()
            let result = try await fixture.browser.submit(try #require(page.form(actionSuffix: "/pay/\(creation.reference)")),
                                                          ["card_number": "4970 1000 0000 0006", "expiry": SandboxFixture.futureExpiry,
                                                           "cvv": "123", "card_type": "VISA"])
            let calls = try await fixture.receiver.waitForCalls(1)

            // check
            #expect(page.status == 200)
            for text in ["CMD-000326", "47,50\u{00A0}€", "CSE Alpha — Boutique e-Cartes", "VISA", "MasterCard", "Numéro de carte",
                         "Date d'expiration (MM/AA)", "Cryptogramme", "sécurisé grâce au 3DS", "4970 1000 0000 0014", "Annuler"] {
                #expect(page.html.contains(text), "la page montre \(text)")
            }
            #expect(before.status == .pending)
            #expect(result.status == 303)
            #expect(result.location == SandboxFixture.returnURL(creation.reference))
            let details = try await fixture.provider.paymentDetails(reference: creation.reference)
            #expect(details == PaymentDetails(reference: creation.reference, status: .succeeded, amount: 4_750, currency: "EUR",
                                              orderReference: "CMD-000326", refundedAmount: 0, failureReason: nil, threeDSecure: false))
            let call = try #require(calls.first)
            #expect(calls.count == 1)
            #expect(call.receivedAt.timeIntervalSince(paidAt) >= 0.3, "la notification attend le délai configuré")
            let token = try SandboxNotification.verify(payload: call.body, signatureHeader: call.signature ?? "", secret: SandboxFixture.secret)
            #expect(token == creation.reference)
            #expect(String(decoding: call.body, as: UTF8.self) == "{\"token\":\"\(creation.reference)\"}")
        }
    }

    @Test("MasterCard test card is accepted too", arguments: TestEngine.available)
    func masterCard(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            let result = try await fixture.payWithCard(creation, card: Cards.frictionlessMasterCard)

            // check
            #expect(result.status == 303)
            #expect(try await fixture.provider.paymentDetails(reference: creation.reference).status == .succeeded)
        }
    }

    @Test("3-D Secure: the SMS page shows the code; typing it pays", arguments: TestEngine.available)
    func challengeSuccess(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let afterCard = try await fixture.payWithCard(creation, card: Cards.challenge)
            let sms = try await fixture.browser.get(try #require(afterCard.location))
            let code = try #require(Self.code(in: sms.html))

            // act
            let result = try await fixture.browser.submit(try #require(sms.form(actionSuffix: "/3ds")), ["code": code])

            // check
            #expect(afterCard.status == 303)
            #expect(sms.status == 200)
            #expect(sms.html.contains("Code reçu par SMS"))
            #expect(result.location == SandboxFixture.returnURL(creation.reference))
            let details = try await fixture.provider.paymentDetails(reference: creation.reference)
            #expect(details.status == .succeeded)
            #expect(details.threeDSecure)
            #expect(try await fixture.receiver.waitForCalls(1).count == 1)
        }
    }

    @Test("3-D Secure: a wrong SMS code refuses the payment", arguments: TestEngine.available)
    func challengeWrongCode(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let afterCard = try await fixture.payWithCard(creation, card: Cards.challenge)
            let sms = try await fixture.browser.get(try #require(afterCard.location))
            let code = try #require(Self.code(in: sms.html))
            let wrong = code == "000000" ? "111111" : "000000"

            // act
            let result = try await fixture.browser.submit(try #require(sms.form(actionSuffix: "/3ds")), ["code": wrong])

            // check
            #expect(result.location == SandboxFixture.returnURL(creation.reference))
            let details = try await fixture.provider.paymentDetails(reference: creation.reference)
            #expect(details.status == .refused)
            #expect(details.threeDSecure)
            #expect(details.failureReason?.contains("code SMS incorrect") == true)
            #expect(try await fixture.receiver.waitForCalls(1).count == 1)
        }
    }

    @Test("Refusals: insufficient funds, expired card, 3-D Secure failure", arguments: TestEngine.available, [
        (Cards.insufficientFunds, "provision insuffisante", false),
        (Cards.expired, "carte expirée", false),
        (Cards.authenticationFailure, "3-D Secure", true),
    ])
    func refusals(engine: TestEngine, outcome: (card: String, reason: String, threeDSecure: Bool)) async throws {
        let (card, reason, threeDSecure) = outcome
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            let result = try await fixture.payWithCard(creation, card: card)

            // check
            #expect(result.status == 303)
            #expect(result.location == SandboxFixture.returnURL(creation.reference))
            let details = try await fixture.provider.paymentDetails(reference: creation.reference)
            #expect(details.status == .refused)
            #expect(details.failureReason?.contains(reason) == true)
            #expect(details.threeDSecure == threeDSecure)
            #expect(try await fixture.receiver.waitForCalls(1).count == 1)
        }
    }

    @Test("Cancel: back to the cancel URL with the token; cancelled and notified", arguments: TestEngine.available)
    func cancel(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let page = try await fixture.browser.get(creation.redirectURL)

            // act
            let result = try await fixture.browser.submit(try #require(page.form(actionSuffix: "/cancel")))

            // check
            #expect(result.status == 303)
            #expect(result.location == "http://shop.test/paiement/annulation?token=\(creation.reference)")
            #expect(try await fixture.provider.paymentDetails(reference: creation.reference).status == .cancelled)
            #expect(try await fixture.receiver.waitForCalls(1).count == 1)
        }
    }

    @Test("Typing mistakes keep the payment open and say what is wrong, in French", arguments: TestEngine.available)
    func formErrors(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let form = try #require(try await fixture.browser.get(creation.redirectURL).form(actionSuffix: "/pay/\(creation.reference)"))
            let cases: [([String: String], String)] = [
                (["card_number": "4970100000000007", "expiry": SandboxFixture.futureExpiry, "cvv": "123"], "Numéro de carte invalide"),
                (["card_number": Cards.frictionless, "expiry": "01/20", "cvv": "123"], "Date d&#39;expiration invalide"),
                (["card_number": Cards.frictionless, "expiry": SandboxFixture.futureExpiry, "cvv": "12"], "cryptogramme comporte 3 chiffres"),
                (["card_number": "4111111111111111", "expiry": SandboxFixture.futureExpiry, "cvv": "123"], "Carte inconnue du simulateur"),
            ]

            // act
            var pages: [TestBrowser.Page] = []
            for (fields, _) in cases { pages.append(try await fixture.browser.submit(form, fields)) }
            let forged = try await fixture.browser.submit(form, ["csrf": "forged", "card_number": Cards.frictionless,
                                                                 "expiry": SandboxFixture.futureExpiry, "cvv": "123"])

            // check
            for (page, (_, message)) in zip(pages, cases) {
                #expect(page.status == 422)
                #expect(page.html.contains(message), "message : \(message)")
                #expect(page.html.contains("role=\"alert\""))
            }
            #expect(forged.status == 403)
            #expect(try await fixture.provider.paymentDetails(reference: creation.reference).status == .pending)
        }
    }

    @Test("The hosted page is its own origin: strict CSP that still lets the 303 reach the shop", arguments: TestEngine.available)
    func pageHeaders(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            let page = try await fixture.browser.get(creation.redirectURL)
            let css = try await fixture.browser.get("/_sandbox/psp/assets/sandbox.css")
            let unknown = try await fixture.browser.get("/_sandbox/psp/pay/NoSuchToken")

            // check
            let policy = try #require(page.header("Content-Security-Policy"))
            #expect(policy.contains("form-action 'self' http://shop.test"))
            #expect(policy.contains("default-src 'none'"))
            #expect(page.header("Cache-Control") == "no-store")
            #expect(!page.html.contains("style=\""), "pas de style en ligne : la CSP l'interdit")
            #expect(css.status == 200)
            #expect(css.contentType?.hasPrefix("text/css") == true)
            #expect(unknown.status == 404)
            #expect(unknown.html.contains("Paiement introuvable"))
        }
    }

    @Test("A finished payment's page says so, and a second submission changes nothing", arguments: TestEngine.available)
    func finishedPayment(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            let form = try #require(try await fixture.browser.get(creation.redirectURL).form(actionSuffix: "/pay/\(creation.reference)"))
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)

            // act
            let again = try await fixture.browser.submit(form, ["card_number": Cards.insufficientFunds,
                                                                "expiry": SandboxFixture.futureExpiry, "cvv": "123"])
            let page = try await fixture.browser.get(creation.redirectURL)

            // check
            #expect(again.status == 303)
            #expect(page.html.contains("Ce paiement a été accepté."))
            #expect(try await fixture.provider.paymentDetails(reference: creation.reference).status == .succeeded)
            try await Task.sleep(for: .milliseconds(600))
            #expect(fixture.receiver.calls.count == 1, "une seule issue, une seule notification")
        }
    }

    @Test("Card numbers typed on the page never reach the logs: the last four digits at most")
    func cardNumbersNotLogged() async throws {
        let recorder = LogRecorder()
        try await SandboxFixture.run(logger: recorder.logger) { fixture in
            // setup
            let paid = try await fixture.provider.createPayment(fixture.request())
            let refused = try await fixture.provider.createPayment(fixture.request(orderReference: "CMD-000327"))
            let secured = try await fixture.provider.createPayment(fixture.request(orderReference: "CMD-000328"))

            // act
            _ = try await fixture.payWithCard(paid, card: Cards.frictionless)
            _ = try await fixture.payWithCard(refused, card: Cards.insufficientFunds)
            let sms = try await fixture.browser.get(try #require(try await fixture.payWithCard(secured, card: Cards.challenge).location))
            _ = try await fixture.browser.submit(try #require(sms.form(actionSuffix: "/3ds")), ["code": try #require(Self.code(in: sms.html))])
            _ = try await fixture.receiver.waitForCalls(3)

            // check
            let logs = recorder.all.joined(separator: "\n")
            #expect(logs.contains("…0006"), "le journal dit quelle carte, par ses 4 derniers chiffres")
            for card in [Cards.frictionless, Cards.insufficientFunds, Cards.challenge] {
                #expect(!logs.contains(card))
                #expect(!logs.contains(String(card.prefix(12))))
            }
        }
    }

    static func code(in html: String) -> String? {
        guard let start = html.range(of: "<strong id=\"sms-code\">") else { return nil }
        let code = html[start.upperBound...].prefix(6)
        return code.allSatisfy(\.isNumber) ? String(code) : nil
    }
}
