import BoutiqueCore
import Foundation
import Synchronization

/// A small in-process cache whose entries live `ttl`. For data read on every page and changed
/// rarely by an operator (the catalogue, the CSEs): a change shows on every instance within `ttl`.
public final class TTLCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let ttl: Duration
    private let capacity: Int

    public init(ttl: Duration, capacity: Int = 1_024) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The cached value, or `load()`'s result, cached. Concurrent misses may load twice; the cost
    /// of a rare duplicate read beats holding a lock across a database call.
    public func value(for key: Key, load: () async throws -> Value) async rethrows -> Value {
        let now = ContinuousClock.now
        if let hit = entries.withLock({ $0[key] }), hit.expires > now { return hit.value }
        let value = try await load()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: now + ttl)
        }
        return value
    }

    public func removeAll() { entries.withLock { $0.removeAll() } }
}
