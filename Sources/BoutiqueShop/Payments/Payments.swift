import BoutiqueCore
import BoutiqueMail
import BoutiquePayments
import BoutiqueStore
import FluentKit
import Foundation
import Logging
import SQLKit

/// Paying orders on the provider's hosted page. Following pretix's rule, preparing a payment moves
/// no money and the browser's return never validates an order: only the provider's answer to
/// `paymentDetails` (asked by the `payment.check` job after a notification, or by
/// reconciliation) does.
public struct Payments: Sendable {
    let database: BoutiqueDatabase
    let settings: PaymentSettings
    let composer: MailComposer
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, settings: PaymentSettings, composer: MailComposer,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.settings = settings
        self.composer = composer
        self.now = now
    }

    public enum StartOutcome: Sendable, Equatable {
        /// Send the browser there.
        case redirect(String)
        case refused(String)
    }

    /// A new payment attempt for one of the actor's orders awaiting payment (a refused payment
    /// can be tried again; every attempt is kept).
    public func start(actor: AccountActor, orderID: UUID) async throws -> StartOutcome? {
        guard let order = try await Order.query(on: database.db).filter(\.$id == orderID).filter(\.$user.$id == actor.id).first() else {
            return nil
        }
        guard order.status == .awaitingPayment || order.status == .paymentRefused else { return .refused(PaymentMessages.notPayable) }
        let user = try await User.find(actor.id, on: database.db)
        let id = try order.requireID()
        let request = PaymentRequest(amount: order.totalCents, orderReference: order.reference, beneficiary: settings.beneficiary,
                                     customerEmail: user?.email,
                                     returnURL: "\(settings.publicURL)/paiement/retour?commande=\(id)",
                                     cancelURL: "\(settings.publicURL)/paiement/annule?commande=\(id)",
                                     notificationURL: "\(settings.publicURL)/paiement/notification/\(settings.providerName)")
        let creation: PaymentCreation
        do {
            creation = try await settings.provider.createPayment(request)
        } catch {
            return .refused(PaymentMessages.providerDown)
        }
        try await database.db.transaction { db in
            try await PaymentAttempt(orderID: id, provider: settings.providerName, reference: creation.reference,
                                     amountCents: order.totalCents, currency: "EUR").create(on: db)
            if order.status == .paymentRefused {
                try await OrderTransition.move(orderID: id, from: [.paymentRefused], to: .awaitingPayment, on: db)
            }
        }
        return .redirect(creation.redirectURL)
    }

    public enum ReturnOutcome: Sendable, Equatable {
        case awaitingConfirmation(reference: String)
        case refused(reference: String, reason: String?)
        case cancelled(reference: String)
    }

    /// The browser is back from the hosted page. A refusal is read from the provider to show the
    /// guide's advice; a success is never taken from the browser: the order only waits for the
    /// confirmation.
    public func returned(actor: AccountActor, orderID: UUID, cancelled: Bool) async throws -> ReturnOutcome? {
        guard let order = try await Order.query(on: database.db).filter(\.$id == orderID).filter(\.$user.$id == actor.id)
            .with(\.$attempts).first() else { return nil }
        let attempt = order.attempts.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
        if let attempt, let details = try? await settings.provider.paymentDetails(reference: attempt.reference),
           [.refused, .expired, .cancelled].contains(details.status) {
            try await apply(details, provider: attempt.provider)
            return details.status == .cancelled ? .cancelled(reference: order.reference)
                : .refused(reference: order.reference, reason: details.failureReason)
        }
        if cancelled { return .cancelled(reference: order.reference) }
        try await OrderTransition.move(orderID: orderID, from: [.awaitingPayment], to: .awaitingPaymentConfirmation, on: database.db)
        return .awaitingConfirmation(reference: order.reference)
    }

    /// Records a notification (it carries only the provider's reference) and queues the check.
    public func notified(provider: String, reference: String) async throws {
        let clean = String(reference.prefix(200))
        let known = try await PaymentAttempt.query(on: database.db).filter(\.$provider == provider).filter(\.$reference == clean).count() > 0
        try await database.db.transaction { db in
            try await PaymentNotification(provider: provider, reference: clean, outcome: known ? "queued" : "unknown").create(on: db)
            guard known else { return }
            let sql = try db.requireSQL()
            try await JobQueue.enqueue(NewJob(kind: PaymentCheck.kind, payload: try JobPayload.encode(PaymentCheck(provider: provider, reference: clean)),
                                              maxAttempts: 20), on: sql)
        }
    }

    /// The `payment.check` job: asks the provider, then applies the answer.
    public func check(_ job: PaymentCheck) async throws {
        let details: PaymentDetails
        do {
            details = try await settings.provider.paymentDetails(reference: job.reference)
        } catch let error as PaymentProviderError where !error.isTransient {
            throw PermanentJobError("Paiement \(job.reference) : \(error)")
        }
        try await apply(details, provider: job.provider)
    }

    /// Applies the provider's view of a payment to its attempt and order, once: each status
    /// change is a guarded UPDATE, so duplicates, replays and concurrent checks change nothing more.
    func apply(_ details: PaymentDetails, provider: String) async throws {
        try await database.db.transaction { db in
            guard let attempt = try await PaymentAttempt.query(on: db).filter(\.$provider == provider)
                .filter(\.$reference == details.reference).first(),
                let order = try await Order.query(on: db).filter(\.$id == attempt.$order.id).with(\.$lines).with(\.$user)
                .with(\.$attempts).first()
            else { return }
            attempt.status = details.status.rawValue
            attempt.failureReason = details.failureReason
            try await attempt.save(on: db)
            switch details.status {
            case .succeeded: try await succeeded(order, details: details, on: db)
            case .refused, .expired:
                // Only the latest attempt speaks for the order: a late refusal of an earlier try must
                // not undo the retry that followed it.
                guard Self.latest(order.attempts)?.id == attempt.id else { return }
                try await OrderTransition.move(orderID: try order.requireID(), from: [.awaitingPayment, .awaitingPaymentConfirmation], to: .paymentRefused, on: db)
            case .cancelled, .pending: break
            }
        }
    }

    private func succeeded(_ order: Order, details: PaymentDetails, on db: any Database) async throws {
        let orderID = try order.requireID()
        guard details.amount == order.totalCents, details.currency == "EUR", details.orderReference == order.reference else {
            let flag = "Paiement \(details.reference) de \(Money(cents: details.amount).guide) \(details.currency) pour \(details.orderReference) : ne correspond pas à la commande (\(Money(cents: order.totalCents).guide) EUR)."
            try await Order.query(on: db).filter(\.$id == orderID).set(\.$paymentFlag, to: flag).update()
            return
        }
        guard try await OrderTransition.move(orderID: orderID, from: [.awaitingPayment, .awaitingPaymentConfirmation, .paymentRefused],
                                  to: .validated, on: db) else { return }
        let sql = try db.requireSQL()
        let invoice = try await Counters.next(Counters.invoices, on: sql)
        try await sql.raw("""
            UPDATE orders SET invoice_number = \(bind: invoice), validated_at = \(bind: now()) WHERE id = \(bind: orderID)
            """).run()
        try await Outbox.enqueue(try confirmation(order), on: sql)
        let issueAt = now().addingTimeInterval(Double(settings.issueDelay.components.seconds))
        try await JobQueue.enqueue(NewJob(kind: OrderEvents.validatedKind, payload: try JobPayload.encode(OrderEvents.Validated(orderID: orderID)),
                                          runAt: EpochMilliseconds.from(issueAt)), on: sql, now: now())
    }

    /// "Nous vous confirmons que celle-ci a été validée." with the lines, discount, price, total.
    func confirmation(_ order: Order) throws -> MailMessage {
        let lines = order.lines.sorted { $0.position < $1.position }.map { line in
            OrderMail.Line(product: line.productName, quantity: "\(line.quantity) x \(Money(cents: line.faceValueCents).guideCompact)",
                           discount: ((try? DiscountRate(basisPoints: line.discountBasisPoints)) ?? .none).description,
                           price: Money(cents: line.priceCents).guide)
        }
        let data = OrderMail(reference: order.reference, lines: lines, total: Money(cents: order.totalCents).guide,
                             savings: Money(cents: order.savingsCents).guide, shop: settings.beneficiary)
        return try composer.compose("order-confirmed", to: MailAddress(order.user.email, name: "\(order.user.firstName) \(order.user.lastName)"),
                                    subject: "Confirmation de votre commande \(order.reference)", data: data)
    }
}

/// What happens after an order changes state, as jobs: card issuance listens to `order.validated`.
public enum OrderEvents {
    public static let validatedKind = ShopJobKind.issueOrderCards.rawValue

    public struct Validated: Codable, Sendable {
        public let orderID: UUID
        public init(orderID: UUID) { self.orderID = orderID }
    }
}

/// What the order e-mails print.
struct OrderMail: Sendable {
    struct Line: Sendable {
        let product: String
        let quantity: String
        let discount: String
        let price: String
    }

    let reference: String
    let lines: [Line]
    let total: String
    let savings: String
    let shop: String
}
