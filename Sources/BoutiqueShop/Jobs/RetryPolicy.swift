import BoutiqueCore
import Foundation

/// When a failed job runs again: exponential backoff with jitter, capped.
///
/// Jitter spreads the retries of many jobs that failed together (an SMTP outage), so that they do
/// not all hit the recovering server at the same second.
public struct RetryPolicy: Sendable, Equatable {
    public var base: Duration
    public var maximum: Duration
    /// Up to this fraction of the delay is added at random.
    public var jitter: Double

    public init(base: Duration = .seconds(2), maximum: Duration = .seconds(3_600), jitter: Double = 0.25) {
        self.base = base
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay after the `attempt`-th failed run (1-based).
    public func delay<R: RandomNumberGenerator>(afterAttempt attempt: Int, using generator: inout R) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let raw = base * (1 << exponent)
        let capped = raw > maximum ? maximum : raw
        let extra = jitter > 0 ? Double.random(in: 0...jitter, using: &generator) : 0
        return capped + capped * extra
    }

    public func delay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }
}
