import BoutiqueCore
import Foundation

/// Today's date and year in France, whatever the server's time zone: validity dates, card
/// expiry (midnight, Paris time) and yearly caps follow the French calendar.
public enum FrenchCalendar {
    public static let zone = TimeZone(identifier: "Europe/Paris") ?? .gmt

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    public static func today(_ now: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        // Components of a real date are always a valid calendar date.
        return (try? CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1))
            ?? CalendarDate.epoch
    }

    /// The instant the French year of `now` began.
    public static func startOfYear(_ now: Date) -> Date {
        let year = calendar.component(.year, from: now)
        return calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? now
    }

    /// Midnight in France at the start of `day`.
    public static func start(of day: CalendarDate) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }
}

