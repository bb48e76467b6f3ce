import BoutiqueCore
import Foundation

/// A job enqueued once per period, whatever the number of instances: each period's job carries
/// the unique key `kind@<period number>`, so the second instance's insert is ignored.
public struct PeriodicTask: Sendable, Equatable {
    public let kind: String
    public let period: Duration
    public let payload: String

    public init(kind: String, every period: Duration, payload: String = "{}") {
        self.kind = kind
        self.period = period
        self.payload = payload
    }

    /// The unique key of the period that contains `date`.
    public func key(at date: Date) -> String {
        let periodSeconds = max(1, Double(period.components.seconds))
        let index = Int64((date.timeIntervalSince1970 / periodSeconds).rounded(.down))
        return "\(kind)@\(index)"
    }
}
