import BoutiqueCore
@testable import BoutiqueShop
import BoutiqueStore
import Foundation
import Testing

@Suite("Stored POS answers")
struct PosIdempotencyTests {
    struct Stored: Decodable, Equatable {
        var result: RedemptionResult?
        var refusal: CardRefusal?
    }

    @Test("a redemption's hand-written stored answer reads back exactly like the encoder's")
    func handWritten() throws {
        // setup
        let result = RedemptionResult(redemptionID: .timeOrdered(), amount: 1_234, balanceAfter: 8_766, cardLast4: "7118",
                                      createdAt: 1_796_115_600_123)
        let outcome = Result<RedemptionResult, CardRefusal>.success(result)
        // act
        let fast = try PosIdempotency.text(outcome)
        let generic = try JSONEncoder().encode(["result": result])
        // check
        let decoded = try JSONDecoder().decode(Stored.self, from: Data(fast.utf8))
        #expect(decoded == Stored(result: result, refusal: nil))
        #expect(decoded == (try JSONDecoder().decode(Stored.self, from: generic)))
        let refusal = try PosIdempotency.text(Result<RedemptionResult, CardRefusal>.failure(.insufficientFunds))
        #expect(try JSONDecoder().decode(Stored.self, from: Data(refusal.utf8)) == Stored(result: nil, refusal: .insufficientFunds))
    }
}
