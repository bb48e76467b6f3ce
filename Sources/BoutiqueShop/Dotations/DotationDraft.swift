import BoutiqueCore
import Foundation

/// What a manager asks for before confirming: an event, its day, an optional activation day, and
/// one amount per employee.
public struct DotationDraft: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var userID: UUID
        public var amount: Money

        public init(userID: UUID, amount: Money) {
            self.userID = userID
            self.amount = amount
        }
    }

    public var event: UrssafEvent
    public var eventDate: CalendarDate
    public var activationDate: CalendarDate?
    public var lines: [Line]

    public init(event: UrssafEvent, eventDate: CalendarDate, activationDate: CalendarDate?, lines: [Line]) {
        self.event = event
        self.eventDate = eventDate
        self.activationDate = activationDate
        self.lines = lines
    }

    /// The cards' « Évènement »: "Noël des salariés 2026".
    public var cardEvent: String { "\(event.label) \(eventDate.year)" }

    public var total: Money { Money(cents: lines.reduce(0) { $0 + $1.amount.cents }) }
}

/// Amounts as a manager types them: `50`, `50,00`, `50.5`, `1 000 €`. Whole cents only, no
/// floating point; nil for anything else.
public enum EuroText {
    public static func parse(_ text: String) -> Money? {
        let cleaned = text.replacingOccurrences(of: "€", with: "").filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
            .replacingOccurrences(of: ",", with: ".")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let wholePart = parts.first, (1...7).contains(wholePart.count),
              wholePart.allSatisfy(\.isASCII), let euros = Int(wholePart), euros >= 0 else { return nil }
        var cents = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        return Money(cents: euros * 100 + cents)
    }
}
