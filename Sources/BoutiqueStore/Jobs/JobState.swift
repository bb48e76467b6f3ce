import BoutiqueCore
import Foundation

/// A job a worker holds under a lease.
public struct ClaimedJob: Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let payload: String
    /// This run's number, starting at 1.
    public let attempt: Int
    public let maxAttempts: Int

    public var isLastAttempt: Bool { attempt >= maxAttempts }
}
