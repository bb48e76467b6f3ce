import BoutiqueCore
import BoutiquePOS
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import Testing

@Suite("POS API refusals")
struct POSRefusalTests {
    @Test("each refusal has its documented status and problem type", arguments: TestEngine.available)
    func refusals(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup
            let card = try #require(try await api.issue(cents: 5_000, excluded: ["Alcool"]).first)
            let expired = try #require(try await api.issue(cents: 5_000, purchasedOn: try CalendarDate(year: 2020, month: 1, day: 2)).first)
            let blocked = try #require(try await api.issue(cents: 5_000).first)
            try await CardLedger.setBlocked(true, cardID: blocked.id, on: api.database.sql)
            let wrongPIN = card.pin.digits == "0000" ? "0001" : "0000"
            var unknown = CardNumber.generate(prefix: POSTestAPI.prefix)
            while unknown == card.number { unknown = CardNumber.generate(prefix: POSTestAPI.prefix) }
            // act
            let answers: [(String, POSAnswer)] = [
                ("card_expired", try await api.redeem(expired, cents: 100)),
                ("card_blocked", try await api.redeem(blocked, cents: 100)),
                ("category_excluded", try await api.redeem(card, cents: 100, category: "Alcool")),
                ("wrong_pin", try await api.redeem(card, cents: 100, pin: wrongPIN)),
                ("unknown_card", try await api.post("/redemptions", json: #"{"cardNumber":"\#(unknown.digits)","amount":100,"currency":"EUR","storeCode":"S1"}"#, idempotencyKey: "u1")),
                ("unknown_card", try await api.lookup("1234")),
                ("invalid_amount", try await api.redeem(card, cents: 0)),
                ("invalid_amount", try await api.redeem(card, cents: -500)),
                ("invalid_amount", try await api.redeem(card, cents: 100_000_000_000)),
                ("invalid_amount", try await api.redeem(card, cents: 100, currency: "USD")),
                ("insufficient_funds", try await api.redeem(card, cents: 5_001)),
                ("unknown_store", try await api.redeem(card, cents: 100, store: "NOPE")),
                ("unknown_redemption", try await api.reverse(UUID().uuidString)),
                ("unknown_redemption", try await api.reverse("pas-un-uuid")),
                ("invalid_request", try await api.post("/redemptions", json: #"{"cardNumber":"1","amount":99999999999999999999999,"currency":"EUR","storeCode":"S1"}"#, idempotencyKey: "h1")),
                ("invalid_request", try await api.post("/redemptions", json: "{not json", idempotencyKey: "j1")),
                ("invalid_request", try await api.post("/redemptions", json: #"{"cardNumber":"\#(card.number.digits)","amount":100,"currency":"EUR","storeCode":"S1"}"#)),
                ("invalid_request", try await api.post("/card-lookups", json: #"{"number":"x"}"#)),
                ("unauthorized", try await api.post("/card-lookups", json: #"{"cardNumber":"x"}"#, key: .some(nil))),
                ("unauthorized", try await api.post("/card-lookups", json: #"{"cardNumber":"x"}"#, key: "bpos_mauvaise")),
            ]
            let lookup = try await api.lookup(card.number.grouped)
            // check
            let statuses: [String: Int] = ["invalid_request": 400, "unauthorized": 401, "unknown_redemption": 404]
            for (code, answer) in answers {
                #expect(answer.problem == code, "attendu \(code) : \(answer.status) \(answer.body)")
                #expect(answer.status == statuses[code, default: 422], "\(code)")
                #expect(answer.isProblemJSON && !((answer.json["detail"] as? String) ?? "").isEmpty, "\(code)")
            }
            #expect(lookup.status == 200 && lookup.json["balance"] as? Int == 5_000 && lookup.json["cardLast4"] as? String == card.number.last4)
            #expect(lookup.json["excludedCategories"] as? [String] == ["Alcool"] && lookup.json["status"] as? String == "active")
            #expect(!lookup.body.contains(card.number.digits))
            #expect(try await api.balance(card) == 5_000)
            #expect(try await api.lookup(expired.number.digits).json["status"] as? String == "expired")
            try await api.expectBalanced()
        }
    }

    @Test("a reversal by another POS client is refused as unknown", arguments: [TestEngine.sqlite])
    func otherClient(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // setup
            let card = try #require(try await api.issue(cents: 5_000).first)
            let id = try #require(try await api.redeem(card, cents: 1_000).redemptionID)
            let other = try await POSClients(database: api.database).create(actor: .commandLine, name: "Autre enseigne", storeCodes: ["S2"])
            // act
            let answer = try await api.post("/redemptions/\(id)/reversal", json: "", idempotencyKey: "x", key: other.key)
            // check
            #expect(answer.status == 404 && answer.problem == "unknown_redemption")
            #expect(try await api.balance(card) == 4_000)
        }
    }

    @Test("requests above the key's rate get 429 with Retry-After", arguments: [TestEngine.sqlite])
    func rateLimited(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine, options: POSOptions(requestsPerSecond: 0.01, burst: 3)) { api in
            // setup
            let card = try #require(try await api.issue(cents: 5_000).first)
            // act
            var answers: [POSAnswer] = []
            for _ in 0..<4 { answers.append(try await api.lookup(card.number.digits)) }
            // check
            #expect(answers.prefix(3).allSatisfy { $0.status == 200 })
            #expect(answers[3].status == 429 && answers[3].problem == "rate_limited" && answers[3].headers[.retryAfter] != nil)
        }
    }

    @Test("repeated unknown card numbers from one key block its card requests", arguments: TestEngine.available)
    func guessesThrottled(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine, options: POSOptions(requestsPerSecond: 1_000, burst: 1_000, guessLimit: 5)) { api in
            // setup
            let card = try #require(try await api.issue(cents: 5_000).first)
            // act
            var guesses: [POSAnswer] = []
            for _ in 0..<5 { guesses.append(try await api.lookup(CardNumber.generate(prefix: POSTestAPI.prefix).digits)) }
            let afterwards = try await api.lookup(card.number.digits)
            let redemption = try await api.redeem(card, cents: 100)
            // check
            #expect(guesses.allSatisfy { $0.problem == "unknown_card" })
            #expect(afterwards.status == 429 && afterwards.problem == "rate_limited")
            #expect(redemption.status == 429 && redemption.problem == "rate_limited")
            #expect(try await api.balance(card) == 5_000)
        }
    }

    @Test("the OpenAPI document and its reference page are served", arguments: [TestEngine.sqlite])
    func document(engine: TestEngine) async throws {
        try await POSTestAPI.with(engine) { api in
            // act
            let yaml = try await api.client.execute(uri: "/api/pos/v1/openapi.yaml", method: .get) { String(buffer: $0.body) }
            let page = try await api.client.execute(uri: "/api/pos/v1/docs", method: .get) { String(buffer: $0.body) }
            // check
            #expect(yaml.contains("openapi: \"3.1.0\"") && yaml.contains("/redemptions/{redemptionId}/reversal"))
            #expect(page.contains("API des caisses") && page.contains("insufficient_funds"))
        }
    }
}
