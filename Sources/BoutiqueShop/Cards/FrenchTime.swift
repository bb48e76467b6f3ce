import BoutiqueCore
import BoutiqueStore
import Foundation

/// Card validity is counted in French calendar days: a card expires at midnight, Paris time.
public enum FrenchTime {
    static let zone = TimeZone(identifier: "Europe/Paris") ?? .gmt

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// The French calendar day that contains `date`.
    public static func day(of date: Date) throws -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return try CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Midnight, Paris time, at the start of `day`.
    public static func startOfDay(_ day: CalendarDate) -> EpochMilliseconds {
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
        return EpochMilliseconds.from(date)
    }
}

