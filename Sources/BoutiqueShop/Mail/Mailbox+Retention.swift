import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging

/// Kept e-mails are personal data (and carry the e-cards' PDFs): they are deleted 13 months after
/// they were sent, by a daily job.
extension Mailbox {
    public static let pruneKind = ShopJobKind.pruneMail.rawValue
    public static let pruningTask = PeriodicTask(kind: pruneKind, every: .seconds(86_400))
    /// How long a sent e-mail stays readable and resendable.
    public static let retentionMonths = 13

    /// Deletes the messages kept for longer than the retention.
    /// - Returns: how many were deleted.
    @discardableResult
    public func prune() async throws -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = FrenchCalendar.zone
        let cutoff = calendar.date(byAdding: .month, value: -Self.retentionMonths, to: now()) ?? now()
        return try await database.tables.mailbox.delete(before: EpochMilliseconds.from(cutoff))
    }

    static func registerPruning(in registry: inout JobRegistry, database: BoutiqueDatabase) {
        registry.register(pruneKind) { _, context in
            let deleted = try await Mailbox(database: database).prune()
            context.logger.info("E-mails conservés : anciens supprimés", metadata: ["count": "\(deleted)"])
        }
    }
}
