import BoutiqueCore
import Foundation
import Synchronization

/// Known API keys by hash, for `ttl`. Unknown keys are not cached: a flood of wrong keys must not
/// evict the good ones.
final class POSKeyCache: Sendable {
    private struct Entry {
        let identity: POSClientIdentity
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[Data: Entry]>([:])
    private let ttl: Duration
    private let capacity = 4_096

    init(ttl: Duration) { self.ttl = ttl }

    func cached(_ keyHash: Data) -> POSClientIdentity? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[keyHash] else { return nil }
            if entry.expires > now { return entry.identity }
            entries[keyHash] = nil
            return nil
        }
    }

    func store(_ identity: POSClientIdentity, for keyHash: Data) {
        let expires = ContinuousClock.now + ttl
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[keyHash] = Entry(identity: identity, expires: expires)
        }
    }
}
