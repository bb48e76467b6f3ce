/// How long a card lasts: "valables 1 an à date d'achat".
///
/// The guide's card bought on 10/07/2019 shows "Date expiration : 09/07/2020": the card is usable
/// through the day before the same date `months` later. `lastDay` is that inclusive last day; a card
/// is expired from the start of `endExclusive` (French time).
public struct CardValidity: Sendable, Hashable {
    public let months: Int

    public init(months: Int) throws(CardValidityError) {
        guard (1...120).contains(months) else { throw .invalidMonths(months) }
        self.months = months
    }

    public static let standard = CardValidity(unchecked: 12)
    private init(unchecked months: Int) { self.months = months }

    /// The first day on which the card no longer works.
    public func endExclusive(purchasedOn day: CalendarDate) -> CalendarDate { day.addingMonths(months) }

    /// The "Date expiration" printed on the card: the last day it works.
    public func lastDay(purchasedOn day: CalendarDate) -> CalendarDate { endExclusive(purchasedOn: day).addingDays(-1) }
}

public enum CardValidityError: Error, Sendable, Equatable {
    case invalidMonths(Int)
}
