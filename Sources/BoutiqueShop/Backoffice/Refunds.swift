import BoutiqueCore
import BoutiqueDocuments
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
        /// The recorded refund to send (`payment_refunds`); nil in jobs queued before refunds were recorded.
        var refundID: UUID? = nil
    }

    public enum Outcome: Sendable, Equatable {
        case refunded(amount: Money)
        case refused(String)
    }

    let database: BoutiqueDatabase
    let provider: any PaymentProvider
    let composer: MailComposer
    /// Draws the credit note attached to the refund's e-mail.
    let creditNotes: CreditNotes
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, provider: any PaymentProvider, composer: MailComposer, seller: InvoiceSeller,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.provider = provider
        self.composer = composer
        self.creditNotes = CreditNotes(database: database, seller: seller)
        self.now = now
    }

    /// What refunding the order would do, read without changing anything (the confirmation page);
    /// nil for another role or an unknown order. The same rule as `refund`, on the balances as
    /// they are now.
    public func preview(actor: AccountActor, orderID: UUID) async throws -> RefundPreview? {
        guard actor.role == .operator, let detail = try await database.tables.orders.detail(acrossTenants: orderID),
              let record = try await database.tables.orders.full(acrossTenants: orderID) else { return nil }
        var cards: [RefundPreview.Card] = [], unissued: [RefundPreview.Line] = [], total = 0
        let names = Dictionary(uniqueKeysWithValues: record.lines.map { ($0.position, $0.productName) })
        for line in detail.lines {
            let issued = try await CardLedger.cards(orderLineID: line.id, in: database.tables)
            let lineFace = line.faceValueCents * line.quantity, name = names[line.position] ?? ""
            guard !issued.isEmpty, lineFace > 0 else {
                unissued.append(RefundPreview.Line(productName: name, quantity: line.quantity, priceCents: line.priceCents))
                total += line.priceCents
                continue
            }
            for card in issued {
                let active = card.status == .active, balance = active ? Int(card.balanceCents) : 0
                let share = Self.share(of: balance, line: line)
                cards.append(RefundPreview.Card(last4: card.last4, productName: name, faceValueCents: Int(card.faceValueCents),
                                                balanceCents: balance, isActive: active, refundCents: share))
                total += share
            }
        }
        return RefundPreview(order: record, cards: cards, unissuedLines: unissued, refundCents: min(total, record.totalCents))
    }

    /// The share of the line's price a card's balance stands for, rounded half-up.
    static func share(of balance: Int, line: OrderTable.Detail.Line) -> Int {
        let lineFace = line.faceValueCents * line.quantity
        return (balance * line.priceCents * 2 + lineFace) / (2 * lineFace)
    }

    /// The balances moved since the operator's preview: the refund is not made.
    struct PreviewOutdated: Error {}

    /// Refunds the order. `expectedCents`, the amount the confirmation page showed: when the
    /// balances changed since (a card spent meanwhile), nothing is refunded and the operator is
    /// asked to look again.
    public func refund(actor: AccountActor, orderID: UUID, expectedCents: Int? = nil) async throws -> Outcome {
        guard actor.role == .operator else { return .refused("Réservé à l'opérateur.") }
        guard let detail = try await database.tables.orders.detail(acrossTenants: orderID) else {
            return .refused("Commande introuvable.")
        }
        let order = detail.record
        guard order.status.isPaid else {
            return .refused(order.status == .refunded ? "Cette commande est déjà remboursée." : "Cette commande n'a pas été payée : rien à rembourser.")
        }
        do {
            return try await refund(detail, actor: actor, expectedCents: expectedCents)
        } catch is PreviewOutdated {
            return .refused("Les soldes des e-Cartes ont changé depuis l'aperçu : rien n'a été remboursé, vérifiez le nouveau montant.")
        }
    }

    private func refund(_ detail: OrderTable.Detail, actor: AccountActor, expectedCents: Int?) async throws -> Outcome {
        let order = detail.record, orderID = order.id
        return try await database.transaction { tables in
            guard try await OrderTransition.move(orderID: orderID, from: [.validated, .activated], to: .refunded, in: tables) else {
                return .refused("Cette commande vient de changer d'état ; rechargez la page.")
            }
            let (amount, lines) = try await writeOff(detail, in: tables)
            // Thrown, not returned: the transaction rolls the cards' write-off back.
            if let expectedCents, expectedCents != amount { throw PreviewOutdated() }
            let note = try await CreditNotes.issue(refundOf: detail, lines: lines, at: now(), in: tables)
            var attachments: [MailAttachment] = []
            if let note {
                let document = try creditNotes.document(note)
                attachments.append(MailAttachment(filename: "avoir-\(document.reference).pdf", contentType: "application/pdf", data: Data(document.pdf)))
            }
            try await AuditLog.record(.orderRefunded, by: actor, target: order.reference, tenantID: order.tenantID,
                                      details: Money(cents: amount).french, in: tables)
            let refundID = try await recordRefund(orderID: orderID, amount: amount, in: tables)
            try await JobQueue.enqueue(NewJob(kind: Self.kind, payload: try JobPayload.encode(Job(orderID: orderID, amount: amount, refundID: refundID)),
                                              maxAttempts: 30), in: tables, now: now())
            let user = detail.buyer
            var mail = ["reference": order.reference, "amount": Money(cents: amount).french]
            if let note { mail["creditNote"] = OrderHistory.invoiceReference(note.number) }
            try await Outbox.enqueue(try composer.compose("order-refunded", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"),
                                                          subject: "Remboursement de votre commande \(order.reference)",
                                                          data: mail, attachments: attachments),
                                     in: tables)
            return .refunded(amount: Money(cents: amount))
        }
    }

    /// Records the refund of the charge that paid the order (shown on the operator's pages); the
    /// key is the one refunds were always sent with, so a refund queued before stays single.
    private func recordRefund(orderID: UUID, amount: Int, in tables: Tables) async throws -> UUID? {
        guard amount > 0, let attempt = try await tables.payments.succeeded(of: orderID) else { return nil }
        let id = try await tables.payments.addRefund(orderID: orderID, attemptID: attempt.id, amountCents: amount, reason: .operatorRefund,
                                                     idempotencyKey: "refund-\(orderID)", at: now())
        if id != nil { try await tables.orders.addRefunded(orderID, cents: amount) }
        return id
    }

    /// Blocks the order's cards and sums what their balances cost; before issuance, the whole
    /// total. - Returns: the amount and the credit note's lines, which add up to it.
    private func writeOff(_ order: OrderTable.Detail, in tables: Tables) async throws -> (Int, [CreditNoteRecord.Line]) {
        var lines: [CreditNoteRecord.Line] = []
        let records = Dictionary(uniqueKeysWithValues: order.record.lines.map { ($0.position, $0) })
        for line in order.lines {
            let name = records[line.position]?.productName ?? "", rate = records[line.position]?.discountBasisPoints ?? 0
            let cards = try await CardLedger.cards(orderLineID: line.id, in: tables)
            let lineFace = line.faceValueCents * line.quantity
            guard !cards.isEmpty, lineFace > 0 else {
                lines.append(CreditNoteRecord.Line(product: name, faceValueCents: line.faceValueCents, quantity: line.quantity,
                                                   discountBasisPoints: rate, amountCents: line.priceCents))
                continue
            }
            for card in cards {
                let balance = try await CardLedger.refund(cardID: card.id, reference: order.record.reference,
                                                          now: EpochMilliseconds.from(now()), in: tables) ?? 0
                lines.append(CreditNoteRecord.Line(product: "\(name) — e-Carte n° ****\(card.last4), solde non utilisé",
                                                   faceValueCents: Int(balance), quantity: 1, discountBasisPoints: rate,
                                                   amountCents: Self.share(of: Int(balance), line: line)))
            }
        }
        return Self.capped(lines, at: order.record.totalCents)
    }

    /// Never more than the order's total: the rounding of each card's share could pass it by a
    /// cent; the excess comes off the last lines, so the credit note still adds up.
    static func capped(_ lines: [CreditNoteRecord.Line], at total: Int) -> (Int, [CreditNoteRecord.Line]) {
        var excess = lines.reduce(0) { $0 + $1.amountCents } - total, capped = lines
        for index in capped.indices.reversed() where excess > 0 {
            let line = capped[index], cut = min(excess, line.amountCents)
            capped[index] = CreditNoteRecord.Line(product: line.product, faceValueCents: line.faceValueCents, quantity: line.quantity,
                                                  discountBasisPoints: line.discountBasisPoints, amountCents: line.amountCents - cut)
            excess -= cut
        }
        return (capped.reduce(0) { $0 + $1.amountCents }, capped)
    }

    public func register(in registry: inout JobRegistry) {
        let refunds = self
        registry.register(Self.kind, payload: Job.self) { job, _ in try await refunds.refundPayment(job) }
    }

    /// The job: refunds through the provider, once (the provider dedupes on the key).
    func refundPayment(_ job: Job) async throws {
        guard job.amount > 0 else { return }
        if let refundID = job.refundID { return try await send(refundID) }
        guard let attempt = try await database.tables.payments.succeeded(of: job.orderID) else {
            throw PermanentJobError("Aucun paiement réussi pour la commande \(job.orderID)")
        }
        do {
            _ = try await provider.refund(reference: attempt.reference, amount: job.amount, idempotencyKey: "refund-\(job.orderID)")
        } catch let error as PaymentProviderError where !error.isTransient {
            throw PermanentJobError("Remboursement refusé : \(error)")
        }
    }

    /// Sends a recorded refund (the operator's, or an automatic one of a charge not kept) and
    /// writes the provider's answer on it.
    private func send(_ refundID: UUID) async throws {
        guard let refund = try await database.tables.payments.refund(refundID) else {
            throw PermanentJobError("Remboursement \(refundID) introuvable")
        }
        guard refund.status == "pending" else { return }
        do {
            let result = try await provider.refund(reference: refund.attemptReference, amount: refund.amountCents,
                                                   idempotencyKey: refund.idempotencyKey)
            try await database.tables.payments.setRefundStatus(refundID, status: "done", providerRefundID: result.refundID, at: now())
        } catch let error as PaymentProviderError where !error.isTransient {
            try await database.tables.payments.setRefundStatus(refundID, status: "failed", providerRefundID: nil, at: now())
            throw PermanentJobError("Remboursement refusé : \(error)")
        }
    }
}
