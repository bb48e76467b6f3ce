import Foundation
import OpenAPIRuntime

/// The API's dates as RFC 3339 in UTC to the second (`2026-12-03T10:11:12Z`), the same text as
/// the runtime's default ISO 8601 transcoder.
///
/// Encoding is computed by hand: the default goes through `ISO8601DateFormatter` (ICU) and cost 3 %
/// of a redemption. Decoding, which no request needs today, stays with the default.
struct POSDateTranscoder: DateTranscoder {
    private let fallback = ISO8601DateTranscoder()

    func encode(_ date: Date) throws -> String {
        Self.format(date)
    }

    func decode(_ text: String) throws -> Date {
        try fallback.decode(text)
    }

    static func format(_ date: Date) -> String {
        // To the millisecond first, as ICU does (a date at .9996 s shows the next second).
        let milliseconds = Int((date.timeIntervalSince1970 * 1_000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1_000 : (milliseconds - 999) / 1_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(daysSinceEpoch: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Year, month, day of a day count since 1970-01-01 in the proleptic Gregorian calendar
    /// (H. Hinnant's `civil_from_days`).
    static func civil(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
