import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import Logging

/// Every background job kind of the shop, with its handler.
public enum ShopJobs {
    /// The registry the workers run with.
    public static func registry(database: BoutiqueDatabase, mail: any MailTransport, payments: Payments? = nil,
                                issuance: CardIssuance? = nil, gifts: CardGifts? = nil,
                                reminders: ExpiryReminders? = nil, refunds: Refunds? = nil,
                                dotations: DotationIssuance? = nil) -> JobRegistry {
        var registry = JobRegistry()
        Outbox.register(in: &registry, transport: mail)
        Mailbox.registerPruning(in: &registry, database: database)
        payments?.register(in: &registry)
        issuance?.register(in: &registry)
        gifts?.register(in: &registry)
        reminders?.register(in: &registry)
        refunds?.register(in: &registry)
        dotations?.register(in: &registry)
        CardExpiry.register(in: &registry, database: database)
        // A till retries within minutes; a month of idempotency records is plenty.
        registry.register(pruneIdempotencyKind) { _, _ in
            let cutoff = EpochMilliseconds.from(Date().addingTimeInterval(-30 * 86_400))
            try await POSClientStore.pruneIdempotency(olderThan: cutoff, on: database.sql)
        }
        registry.register(DiagnosticTally.kind, payload: DiagnosticTally.self) { tally, context in
            try await tally.run(on: database, job: context.job)
        }
        return registry
    }

    /// The periodic tasks every worker keeps enqueued (once per period across all instances).
    public static let periodic: [PeriodicTask] = [
        PeriodicTask(kind: Payments.reconcileKind, every: .seconds(300)),
        CardExpiry.periodicTask,
        ExpiryReminders.periodicTask,
        PeriodicTask(kind: pruneIdempotencyKind, every: .seconds(86_400)),
        Mailbox.pruningTask,
    ]

    public static let pruneIdempotencyKind = "pos.prune-idempotency"
}
