import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation
import Logging

/// The handlers of the shop's job kinds (`ShopJobKind`).
public enum ShopJobs {
    /// What the workers' jobs need. Only the payment provider's jobs may lack it (no provider).
    public struct Handlers: Sendable {
        public var mail: any MailTransport
        public var payments: Payments?
        public var refunds: Refunds?
        public var issuance: CardIssuance
        public var gifts: CardGifts
        public var reminders: ExpiryReminders
        public var dotations: DotationIssuance
    }

    /// The workers' registry: every kind of `ShopJobKind` gets a handler, by construction (the
    /// switch is exhaustive). Without a payment provider, its jobs end at once as dead, with the
    /// reason, rather than waiting for a handler that never comes.
    public static func complete(database: BoutiqueDatabase, _ handlers: Handlers) -> JobRegistry {
        var registry = JobRegistry()
        for kind in ShopJobKind.allCases {
            switch kind {
            case .sendMail: Outbox.register(in: &registry, transport: handlers.mail)
            case .pruneMail: Mailbox.registerPruning(in: &registry, database: database)
            case .checkPayment, .reconcilePayments:
                if let payments = handlers.payments { payments.register(in: &registry) } else { registerWithoutProvider(kind, in: &registry) }
            case .refundPayment:
                if let refunds = handlers.refunds { refunds.register(in: &registry) } else { registerWithoutProvider(kind, in: &registry) }
            case .issueOrderCards: handlers.issuance.register(in: &registry)
            case .sendCard: handlers.gifts.register(in: &registry)
            case .remindExpiry: handlers.reminders.register(in: &registry)
            case .issueDotationCards: handlers.dotations.register(in: &registry)
            case .expireCards: CardExpiry.register(in: &registry, database: database)
            case .pruneIdempotency: registerIdempotencyPruning(in: &registry, database: database)
            case .diagnosticTally: registerTally(in: &registry, database: database)
            case .sendFarewell: AccountFarewell.register(in: &registry, transport: handlers.mail, database: database)
            case .applyAccountRetention: AccountRetention.register(in: &registry, database: database)
            }
        }
        return registry
    }

    private static func registerWithoutProvider(_ kind: ShopJobKind, in registry: inout JobRegistry) {
        registry.register(kind.rawValue) { _, _ in
            throw PermanentJobError("Aucun prestataire de paiement n'est configuré : \(kind.rawValue) ne peut pas s'exécuter.")
        }
    }

    /// A subset of the handlers, for tests and benchmarks that exercise a few kinds; the workers
    /// use `complete`.
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
        registerIdempotencyPruning(in: &registry, database: database)
        registerTally(in: &registry, database: database)
        AccountFarewell.register(in: &registry, transport: mail, database: database)
        AccountRetention.register(in: &registry, database: database)
        return registry
    }

    /// A till retries within minutes; a month of idempotency records is plenty.
    private static func registerIdempotencyPruning(in registry: inout JobRegistry, database: BoutiqueDatabase) {
        registry.register(pruneIdempotencyKind) { _, _ in
            let cutoff = EpochMilliseconds.from(Date().addingTimeInterval(-30 * 86_400))
            try await database.tables.posClients.pruneIdempotency(olderThan: cutoff)
        }
    }

    private static func registerTally(in registry: inout JobRegistry, database: BoutiqueDatabase) {
        registry.register(DiagnosticTally.kind, payload: DiagnosticTally.self) { tally, context in
            try await tally.run(on: database, job: context.job)
        }
    }

    /// The periodic tasks every worker keeps enqueued (once per period across all instances).
    public static let periodic: [PeriodicTask] = [
        PeriodicTask(kind: Payments.reconcileKind, every: .seconds(300)),
        CardExpiry.periodicTask,
        ExpiryReminders.periodicTask,
        PeriodicTask(kind: pruneIdempotencyKind, every: .seconds(86_400)),
        Mailbox.pruningTask,
        AccountRetention.periodicTask,
    ]

    public static let pruneIdempotencyKind = ShopJobKind.pruneIdempotency.rawValue
}
