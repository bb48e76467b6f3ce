import BoutiqueCore
import BoutiqueStore
import Foundation
import Synchronization

/// Throttles card-number and PIN guesses per POS key.
///
/// Failures are counted in the database (`Throttle`), so every instance adds to the same count;
/// the verdict "blocked until" is cached in memory, so that the happy path costs no query: an
/// instance learns of a block when it records a failure itself.
public final class CardGuessGuard: Sendable {
    public let limit: Int
    public let window: Duration
    private let throttle: Throttle
    private let now: @Sendable () -> Date
    private let blocked = Mutex<[UUID: Date]>([:])

    public init(database: BoutiqueDatabase, limit: Int = 20, window: Duration = .seconds(600),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.window = window
        self.throttle = Throttle(database: database, now: now)
        self.now = now
    }

    public func isBlocked(keyID: UUID) -> Bool {
        let time = now()
        return blocked.withLock { entries in
            guard let until = entries[keyID] else { return false }
            if until > time { return true }
            entries[keyID] = nil
            return false
        }
    }

    /// Counts a failed guess (unknown number, wrong PIN).
    public func recordFailure(keyID: UUID) async throws {
        let key = "pos-guess:\(keyID.uuidString)"
        try await throttle.recordFailure(key, window: window)
        if try await throttle.isBlocked(key, limit: limit, window: window) {
            let until = now().addingTimeInterval(Double(window.components.seconds))
            blocked.withLock { $0[keyID] = until }
        }
    }
}
