import BoutiqueCore
import BoutiquePOS
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A till sends small JSON documents; anything else is refused before it is read whole.
@Suite("POS API request bodies")
struct POSBodyLimitTests {
    @Test("a body over 8 KB is answered 413 problem+json, declared or streamed, and debits nothing", arguments: TestEngine.available)
    func tooLarge(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup: a valid redemption padded past the limit
            let card = try #require(try await api.issue(cents: 5_000).first)
            let padding = String(repeating: " ", count: 20 * 1_024 * 1_024)
            let json = #"{"cardNumber":"\#(card.number.digits)","amount":100,"currency":"EUR","storeCode":"S1"\#(padding)}"#
            // act
            let declared = try await api.post("/redemptions", json: json, idempotencyKey: "big-1")
            let streamed = try await api.client.execute(
                uri: "/api/pos/v1/redemptions", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(api.key)", .transferEncoding: "chunked",
                          HTTPField.Name("Idempotency-Key")!: "big-2"],
                body: ByteBuffer(string: json)) { POSAnswer(status: $0.status.code, body: String(buffer: $0.body), headers: $0.headers) }
            let small = try await api.redeem(card, cents: 100)
            // check
            for answer in [declared, streamed] {
                #expect(answer.status == 413 && answer.problem == "payload_too_large" && answer.isProblemJSON, "\(answer.status) \(answer.body)")
            }
            #expect(small.status == 201)
            #expect(try await api.balance(card) == 4_900)
            try await api.expectBalanced()
        }
    }

    @Test("a redemption or a look-up without Content-Type: application/json is answered 415 and debits nothing", arguments: TestEngine.available)
    func mediaType(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            let card = try #require(try await api.issue(cents: 5_000).first)
            let json = #"{"cardNumber":"\#(card.number.digits)","amount":100,"currency":"EUR","storeCode":"S1"}"#
            var answers: [POSAnswer] = []
            for contentType in [nil, "text/plain", "application/x-www-form-urlencoded"] {
                var headers: HTTPFields = [.authorization: "Bearer \(api.key)", HTTPField.Name("Idempotency-Key")!: UUID().uuidString]
                if let contentType { headers[.contentType] = contentType }
                answers.append(try await api.client.execute(uri: "/api/pos/v1/redemptions", method: .post, headers: headers,
                                                            body: ByteBuffer(string: json)) {
                    POSAnswer(status: $0.status.code, body: String(buffer: $0.body), headers: $0.headers)
                })
            }
            let charset = try await api.client.execute(
                uri: "/api/pos/v1/card-lookups", method: .post,
                headers: [.authorization: "Bearer \(api.key)", .contentType: "Application/JSON; charset=utf-8"],
                body: ByteBuffer(string: #"{"cardNumber":"\#(card.number.digits)"}"#)) { $0.status.code }
            for answer in answers {
                #expect(answer.status == 415 && answer.problem == "unsupported_media_type" && answer.isProblemJSON, "\(answer.status)")
            }
            #expect(charset == 200)
            #expect(try await api.balance(card) == 5_000)
        }
    }
}
