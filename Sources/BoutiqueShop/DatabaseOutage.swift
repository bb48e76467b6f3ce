import BoutiqueStore

/// Tells the layers above the shop (the POS API, the pages) that an error thrown by a use case
/// means "the database is away for now" — a failover, a restart — rather than a bug or a
/// refused statement: they answer 503 with `Retry-After`, and a till retries with the same
/// Idempotency-Key (see `BoutiqueDatabase.isUnavailable`).
public enum DatabaseOutage {
    /// Seconds a client should wait before retrying: about one health-check round of the proxy
    /// in front of the HA cluster, so the retry usually finds the new primary.
    public static let retryAfterSeconds = 2

    public static func covers(_ error: any Error) -> Bool {
        BoutiqueDatabase.isUnavailable(error)
    }
}
