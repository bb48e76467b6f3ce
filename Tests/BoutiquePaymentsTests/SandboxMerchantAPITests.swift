import BoutiqueCore
import AsyncHTTPClient
import BoutiquePayments
import BoutiqueTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The merchant side of the sandbox: credentials, unknown tokens, bad input, refunds.
@Suite("PSP sandbox: merchant API")
struct SandboxMerchantAPITests {
    @Test("Refunds: partial, then the rest; more than what is left is refused", arguments: TestEngine.available)
    func refunds(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)

            // act
            let partial = try await fixture.provider.refund(reference: creation.reference, amount: 1_000)
            let tooMuch = await #expect(throws: PaymentProviderError.self) {
                try await fixture.provider.refund(reference: creation.reference, amount: 3_751)
            }
            let rest = try await fixture.provider.refund(reference: creation.reference, amount: 3_750)
            let afterFull = await #expect(throws: PaymentProviderError.self) {
                try await fixture.provider.refund(reference: creation.reference, amount: 1)
            }

            // check
            #expect(partial.amount == 1_000)
            #expect(partial.totalRefunded == 1_000)
            #expect(tooMuch?.kind == .refundRejected)
            #expect(tooMuch?.isTransient == false)
            #expect(rest.totalRefunded == 4_750)
            #expect(afterFull?.kind == .refundRejected)
            let details = try await fixture.provider.paymentDetails(reference: creation.reference)
            #expect(details.refundedAmount == 4_750)
            #expect(details.status == .succeeded)
            #expect(details.refundableAmount == 0)
        }
    }

    @Test("A full refund at once; a retried refund with the same key refunds once", arguments: TestEngine.available)
    func fullRefundIdempotent(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)

            // act
            let first = try await fixture.provider.refund(reference: creation.reference, amount: 4_750, idempotencyKey: "rbt-326")
            let retried = try await fixture.provider.refund(reference: creation.reference, amount: 4_750, idempotencyKey: "rbt-326")

            // check
            #expect(first == retried)
            #expect(try await fixture.provider.paymentDetails(reference: creation.reference).refundedAmount == 4_750)
        }
    }

    @Test("A payment not paid cannot be refunded", arguments: TestEngine.available)
    func refundPending(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            let error = await #expect(throws: PaymentProviderError.self) {
                try await fixture.provider.refund(reference: creation.reference, amount: 100)
            }

            // check
            #expect(error?.kind == .refundRejected)
            #expect(error?.statusCode == 409)
        }
    }

    @Test("Wrong merchant secret: 401, a permanent error", arguments: TestEngine.available)
    func wrongSecret(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let impostor = SandboxPaymentProvider(baseURL: fixture.baseURL, merchantID: SandboxFixture.merchantID, secret: "wrong")
            let creation = try await fixture.provider.createPayment(fixture.request())

            // act
            let onCreate = await #expect(throws: PaymentProviderError.self) { try await impostor.createPayment(fixture.request()) }
            let onDetails = await #expect(throws: PaymentProviderError.self) {
                try await impostor.paymentDetails(reference: creation.reference)
            }
            let raw = try await Self.send(.GET, "\(fixture.baseURL)/v1/web-payments/\(creation.reference)", authorization: nil)

            // check
            #expect(onCreate?.kind == .unauthorized)
            #expect(onCreate?.statusCode == 401)
            #expect(onCreate?.isTransient == false)
            #expect(onDetails?.kind == .unauthorized)
            #expect(raw.status == 401)
            #expect(raw.contentType == "application/problem+json")
            #expect(raw.headers.first(name: "WWW-Authenticate")?.hasPrefix("Basic") == true)
        }
    }

    @Test("Unknown token: 404 not found, permanent", arguments: TestEngine.available)
    func unknownToken(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // act
            let details = await #expect(throws: PaymentProviderError.self) {
                try await fixture.provider.paymentDetails(reference: "NoSuchToken123")
            }
            let refund = await #expect(throws: PaymentProviderError.self) {
                try await fixture.provider.refund(reference: "NoSuchToken123", amount: 100)
            }

            // check
            #expect(details?.kind == .notFound)
            #expect(details?.statusCode == 404)
            #expect(details?.isTransient == false)
            #expect(refund?.kind == .notFound)
        }
    }

    @Test("Bad input: 400 with a problem+json body, never a 500", arguments: [
        "{not json",
        "{}",
        #"{"amount": "47,50", "currency": "EUR"}"#,
        #"{"amount": 0, "currency": "EUR", "orderReference": "CMD-1", "beneficiary": "CSE", "returnURL": "http://a.test/r", "cancelURL": "http://a.test/c", "notificationURL": "http://a.test/n"}"#,
        #"{"amount": 100, "currency": "USD", "orderReference": "CMD-1", "beneficiary": "CSE", "returnURL": "http://a.test/r", "cancelURL": "http://a.test/c", "notificationURL": "http://a.test/n"}"#,
        #"{"amount": 100, "currency": "EUR", "orderReference": "CMD-1", "beneficiary": "CSE", "returnURL": "javascript:alert(1)", "cancelURL": "http://a.test/c", "notificationURL": "http://a.test/n"}"#,
    ])
    func badInput(body: String) async throws {
        try await SandboxFixture.run { fixture in
            // act
            let reply = try await Self.send(.POST, "\(fixture.baseURL)/v1/web-payments", authorization: Self.credentials, body: body)

            // check
            #expect(reply.status == 400)
            #expect(reply.contentType == "application/problem+json")
            let problem = try JSONDecoder().decode(SandboxAPI.Problem.self, from: reply.body)
            #expect(problem.status == 400)
        }
    }

    @Test("Bad refund input: 400, payment untouched", arguments: TestEngine.available)
    func badRefundInput(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)
            let url = "\(fixture.baseURL)/v1/web-payments/\(creation.reference)/refunds"

            // act
            let garbage = try await Self.send(.POST, url, authorization: Self.credentials, body: "amount=10")
            let negative = try await Self.send(.POST, url, authorization: Self.credentials, body: #"{"amount": -5}"#)

            // check
            #expect(garbage.status == 400)
            #expect(negative.status == 400)
            #expect(try await fixture.provider.paymentDetails(reference: creation.reference).refundedAmount == 0)
        }
    }

    @Test("Details carry the Payline-style result code and the card's last digits only", arguments: TestEngine.available)
    func rawDetails(engine: TestEngine) async throws {
        try await SandboxFixture.run(engine) { fixture in
            // setup
            let creation = try await fixture.provider.createPayment(fixture.request())
            _ = try await fixture.payWithCard(creation, card: Cards.frictionless)

            // act
            let reply = try await Self.send(.GET, "\(fixture.baseURL)/v1/web-payments/\(creation.reference)", authorization: Self.credentials)

            // check
            let details = try JSONDecoder().decode(SandboxAPI.Details.self, from: reply.body)
            #expect(details.resultCode == "00000")
            #expect(details.cardLast4 == "0006")
            #expect(details.cardBrand == "VISA")
            #expect(!String(decoding: reply.body, as: UTF8.self).contains(Cards.frictionless))
        }
    }

    static var credentials: String {
        "Basic " + Data("\(SandboxFixture.merchantID):\(SandboxFixture.secret)".utf8).base64EncodedString()
    }

    struct Reply {
        let status: Int
        let contentType: String?
        let headers: HTTPHeaders
        let body: Data
    }

    static func send(_ method: HTTPMethod, _ url: String, authorization: String?, body: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                     headers: response.headers, body: Data(buffer: bytes))
    }
}
