import BoutiqueCore
import BoutiqueStore
import Foundation

extension CardIssuer {
    /// Issues an order line's missing cards through `tables`, the caller's transaction: the cards then commit or vanish together with the order's change of state,
    /// which is what makes issuing and refunding an order mutually exclusive (`CardIssuance`).
    ///
    /// `issue(_:)` commits its own batches instead, which suits a dotation of 10,000 cards but not
    /// a guard held across the whole issue. An order's cards are few (its amount is capped), so
    /// one transaction holds them all.
    /// - Returns: how many cards this call wrote.
    @discardableResult
    func issue(_ request: CardIssueRequest, in tables: Tables) async throws -> Int {
        guard (1...Self.maxCount).contains(request.count) else { throw CardIssueError.invalidCount(request.count) }
        guard (1...Self.maxFaceValueCents).contains(request.faceValue.cents) else {
            throw CardIssueError.invalidAmount(request.faceValue.cents)
        }
        let time = now()
        let purchasedOn = request.purchasedOn ?? FrenchCalendar.today(time)
        // With an order line, only the positions an earlier run left empty (before this code,
        // issues committed batch by batch); without one, `count` new cards.
        var positions: [Int?] = Array(repeating: nil, count: request.count)
        if let orderLineID = request.orderLineID {
            let existing = Set(try await CardLedger.cards(orderLineID: orderLineID, in: tables).compactMap(\.lineIndex))
            positions = (0..<request.count).filter { !existing.contains($0) }
        }
        var written = 0
        for position in positions {
            // A number drawn twice (about one chance in 10^14) loses the unique index: draw again.
            for _ in 0..<5 {
                if try await CardLedger.insert(try draft(request, position: position, purchasedOn: purchasedOn, at: time).row, in: tables) {
                    written += 1
                    break
                }
            }
        }
        return written
    }
}
