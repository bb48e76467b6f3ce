import BoutiqueCore
import BoutiqueMail
import BoutiquePayments
import BoutiqueStore
import Foundation

/// The operator's refund of an order: its cards are blocked with a ledger entry, the money paid
/// for what is left is refunded through the provider (a job, retried while the provider is down),
/// the order becomes « Remboursée » and the employee is told. A card partly spent refunds only its
/// balance, at the price the employee paid for it.
public struct Refunds: Sendable {
    public static let kind = ShopJobKind.refundPayment.rawValue

    struct Job: Codable, Sendable {
        let orderID: UUID
        let amount: Int
    }

    public enum Outcome: Sendable, Equatable {
        case refunded(amount: Money)
        case refused(String)
    }

    let database: BoutiqueDatabase
    let provider: any PaymentProvider
    let composer: MailComposer
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, provider: any PaymentProvider, composer: MailComposer, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.provider = provider
        self.composer = composer
        self.now = now
    }

    public func refund(actor: AccountActor, orderID: UUID) async throws -> Outcome {
        guard actor.role == .operator else { return .refused("Réservé à l'opérateur.") }
        guard let detail = try await database.tables.orders.detail(acrossTenants: orderID) else {
            return .refused("Commande introuvable.")
        }
        let order = detail.record
        guard order.status.isPaid else {
            return .refused(order.status == .refunded ? "Cette commande est déjà remboursée." : "Cette commande n'a pas été payée : rien à rembourser.")
        }
        return try await database.transaction { tables in
            guard try await OrderTransition.move(orderID: orderID, from: [.validated, .activated], to: .refunded, in: tables) else {
                return .refused("Cette commande vient de changer d'état ; rechargez la page.")
            }
            let amount = try await writeOff(detail, in: tables)
            try await AuditLog.record(.orderRefunded, by: actor, target: order.reference, tenantID: order.tenantID,
                                      details: Money(cents: amount).guide, in: tables)
            try await JobQueue.enqueue(NewJob(kind: Self.kind, payload: try JobPayload.encode(Job(orderID: orderID, amount: amount)),
                                              maxAttempts: 30), in: tables, now: now())
            let user = detail.buyer
            try await Outbox.enqueue(try composer.compose("order-refunded", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"),
                                                          subject: "Remboursement de votre commande \(order.reference)",
                                                          data: ["reference": order.reference, "amount": Money(cents: amount).french]),
                                     in: tables)
            return .refunded(amount: Money(cents: amount))
        }
    }

    /// Blocks the order's cards and sums what their balances cost; before issuance, the whole total.
    private func writeOff(_ order: OrderTable.Detail, in tables: Tables) async throws -> Int {
        var total = 0
        for line in order.lines {
            let cards = try await CardLedger.cards(orderLineID: line.id, in: tables)
            let lineFace = line.faceValueCents * line.quantity
            guard !cards.isEmpty, lineFace > 0 else {
                total += line.priceCents
                continue
            }
            for card in cards {
                let balance = try await CardLedger.refund(cardID: card.id, reference: order.record.reference,
                                                          now: EpochMilliseconds.from(now()), in: tables) ?? 0
                // The share of the line's price this balance stands for, rounded half-up.
                total += (Int(balance) * line.priceCents * 2 + lineFace) / (2 * lineFace)
            }
        }
        return min(total, order.record.totalCents)
    }

    public func register(in registry: inout JobRegistry) {
        let refunds = self
        registry.register(Self.kind, payload: Job.self) { job, _ in try await refunds.refundPayment(job) }
    }

    /// The job: refunds through the provider, once (the provider dedupes on the key).
    func refundPayment(_ job: Job) async throws {
        guard job.amount > 0 else { return }
        guard let attempt = try await database.tables.payments.succeeded(of: job.orderID) else {
            throw PermanentJobError("Aucun paiement réussi pour la commande \(job.orderID)")
        }
        do {
            _ = try await provider.refund(reference: attempt.reference, amount: job.amount, idempotencyKey: "refund-\(job.orderID)")
        } catch let error as PaymentProviderError where !error.isTransient {
            throw PermanentJobError("Remboursement refusé : \(error)")
        }
    }
}
