/// A day in the French calendar, without time or zone: what a card's "Date expiration" shows.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(CalendarDateError) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw .invalid(year: year, month: month, day: day)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1 January 1970, a fallback that needs no validation.
    public static let epoch = CalendarDate(unchecked: 1970, 1, 1)

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The same day `months` later; a day the target month lacks (31 → 30 days, 29 February)
    /// rolls to the first day of the following month, never back, so a validity is never shortened.
    public func addingMonths(_ months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let targetYear = index / 12
        let targetMonth = index % 12 + 1
        if day <= Self.daysIn(month: targetMonth, year: targetYear) {
            return CalendarDate(unchecked: targetYear, targetMonth, day)
        }
        return CalendarDate(unchecked: targetYear, targetMonth, Self.daysIn(month: targetMonth, year: targetYear))
            .addingDays(1)
    }

    public func addingDays(_ days: Int) -> CalendarDate {
        var date = self
        var remaining = days
        while remaining > 0 {
            date = date.next()
            remaining -= 1
        }
        while remaining < 0 {
            date = date.previous()
            remaining += 1
        }
        return date
    }

    private func next() -> CalendarDate {
        if day < Self.daysIn(month: month, year: year) { return CalendarDate(unchecked: year, month, day + 1) }
        if month < 12 { return CalendarDate(unchecked: year, month + 1, 1) }
        return CalendarDate(unchecked: year + 1, 1, 1)
    }

    private func previous() -> CalendarDate {
        if day > 1 { return CalendarDate(unchecked: year, month, day - 1) }
        if month > 1 { return CalendarDate(unchecked: year, month - 1, Self.daysIn(month: month - 1, year: year)) }
        return CalendarDate(unchecked: year - 1, 12, 31)
    }

    /// `09/07/2020`, as the guide prints dates.
    public var french: String { "\(Self.two(day))/\(Self.two(month))/\(year)" }

    /// `2020-07-09`, for APIs and CSV.
    public var iso: String {
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(Self.two(month))-\(Self.two(day))"
    }

    public var description: String { iso }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

public enum CalendarDateError: Error, Sendable, Equatable {
    case invalid(year: Int, month: Int, day: Int)
}

extension CalendarDate {
    /// Reads `2026-12-18` (as an HTML date field sends it); nil for anything else or an impossible day.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let date = try? CalendarDate(year: year, month: month, day: day) else { return nil }
        self = date
    }
}
