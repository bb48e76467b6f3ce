import BoutiqueMail
import BoutiqueStore
import Logging

/// Every background job kind of the shop, with its handler.
public enum ShopJobs {
    /// The registry the workers run with.
    public static func registry(database: BoutiqueDatabase, mail: any MailTransport, payments: Payments? = nil,
                                issuance: CardIssuance? = nil, gifts: CardGifts? = nil,
                                reminders: ExpiryReminders? = nil) -> JobRegistry {
        var registry = JobRegistry()
        Outbox.register(in: &registry, transport: mail)
        payments?.register(in: &registry)
        issuance?.register(in: &registry)
        gifts?.register(in: &registry)
        reminders?.register(in: &registry)
        CardExpiry.register(in: &registry, database: database)
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
    ]
}
