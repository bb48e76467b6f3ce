import Foundation
import Synchronization

/// Per-key token buckets, in memory.
///
/// In memory rather than BoutiqueStore's `Throttle` because it is consulted on every request:
/// a database round trip (and a write) per call would cost a large share of the redemption rate.
/// The price: with N instances a key gets up to N times the rate, which is acceptable for a
/// fairness limit; guesses of card numbers, which matter more, are counted in the database
/// (`CardGuessGuard`).
final class TokenBucket: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    private let buckets = Mutex<[UUID: Bucket]>([:])

    init(ratePerSecond: Double, burst: Double) {
        rate = ratePerSecond
        self.burst = burst
    }

    /// Takes one token for `key`.
    /// - Returns: nil when allowed, or the seconds to wait before the next token.
    func take(_ key: UUID, now: ContinuousClock.Instant = .now) -> Int? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
