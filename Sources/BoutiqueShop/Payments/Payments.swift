import BoutiqueCore
import BoutiqueMail
import BoutiquePayments
import BoutiqueStore
import Foundation
import Logging

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
        /// Paid, cancelled or refunded already: nothing to pay.
        case notPayable
        /// The provider did not answer: try again later.
        case providerUnavailable
    }

    /// A payment attempt for one of the actor's orders awaiting payment. An attempt still open at
    /// the provider is resumed (its page again), never doubled: a second page could take a second
    /// charge. A refused, expired or cancelled one is applied, then a new attempt opens (every
    /// attempt is kept).
    public func start(actor: AccountActor, orderID: UUID) async throws -> StartOutcome? {
        guard let order = try await database.tables.orders.own(orderID, by: actor.id) else { return nil }
        guard order.status == .awaitingPayment || order.status == .paymentRefused else { return .notPayable }
        if let open = try await database.tables.payments.latest(of: orderID), open.status == "pending",
           let outcome = try await resume(open) {
            return outcome
        }
        let user = try await database.tables.users.find(acrossTenants: actor.id)
        let id = order.id
        let request = PaymentRequest(amount: order.totalCents, orderReference: order.reference, beneficiary: settings.beneficiary,
                                     customerEmail: user?.email,
                                     returnURL: "\(settings.publicURL)/paiement/retour?commande=\(id)",
                                     cancelURL: "\(settings.publicURL)/paiement/annule?commande=\(id)",
                                     notificationURL: "\(settings.publicURL)/paiement/notification/\(settings.providerName)")
        let creation: PaymentCreation
        do {
            creation = try await settings.provider.createPayment(request)
        } catch is PaymentProviderError {
            return .providerUnavailable
        }
        let provider = settings.providerName, reference = creation.reference, page = creation.redirectURL
        try await database.transaction { tables in
            try await tables.payments.add(orderID: id, provider: provider, reference: reference, amountCents: order.totalCents,
                                          currency: "EUR", redirectURL: page)
            // Guarded: the order may have been refused just now, by the open attempt's answer.
            try await OrderTransition.move(orderID: id, from: [.paymentRefused], to: .awaitingPayment, in: tables)
        }
        return .redirect(creation.redirectURL)
    }

    /// What to do with the order's open attempt: its page while the provider still waits for the
    /// card, nothing more to pay once it succeeded, nil (a new attempt) once it ended otherwise
    /// or when its page was not kept (attempts older than the kept pages).
    private func resume(_ open: PaymentTable.Attempt) async throws -> StartOutcome? {
        let details: PaymentDetails
        do {
            details = try await settings.provider.paymentDetails(reference: open.reference)
        } catch is PaymentProviderError {
            // Opening a second page while the first may be paid could charge twice: wait.
            return .providerUnavailable
        }
        switch details.status {
        case .pending: return open.redirectURL.map(StartOutcome.redirect)
        case .succeeded:
            try await apply(details, provider: open.provider)
            return .notPayable
        case .refused, .expired, .cancelled:
            try await apply(details, provider: open.provider)
            return nil
        }
    }

    public enum ReturnOutcome: Sendable, Equatable {
        /// The provider took the payment; its confirmation (notification) validates the order.
        case awaitingConfirmation(reference: String)
        case refused(reference: String, reason: String?)
        case cancelled(reference: String)
        /// Nothing was paid (the return address opened before paying, or the payment page left
        /// open): the order still waits for its payment and can be paid.
        case notPaid(reference: String)
        /// The provider did not answer: the order waits for its notification, or for a payment.
        case unknown(reference: String)
    }

    /// The browser is back from the hosted page (or someone opened its address). The browser's
    /// word changes nothing: only what the provider says of the latest attempt does — a refusal is
    /// applied and shown with the guide's advice, a payment taken puts the order « En attente de
    /// confirmation de paiement » until the notification validates it, and anything else leaves
    /// the order as it was.
    public func returned(actor: AccountActor, orderID: UUID, cancelled: Bool) async throws -> ReturnOutcome? {
        guard let order = try await database.tables.orders.own(orderID, by: actor.id) else { return nil }
        let reference = order.reference
        guard let attempt = try await database.tables.payments.latest(of: orderID) else {
            return cancelled ? .cancelled(reference: reference) : .notPaid(reference: reference)
        }
        let details: PaymentDetails
        do {
            details = try await settings.provider.paymentDetails(reference: attempt.reference)
        } catch is PaymentProviderError {
            // The provider's notification or the reconciliation will say; the page says we wait.
            return cancelled ? .cancelled(reference: reference) : .unknown(reference: reference)
        }
        switch details.status {
        case .refused, .expired, .cancelled:
            try await apply(details, provider: attempt.provider)
            return details.status == .cancelled ? .cancelled(reference: reference) : .refused(reference: reference, reason: details.failureReason)
        case .succeeded:
            try await OrderTransition.move(orderID: orderID, from: [.awaitingPayment], to: .awaitingPaymentConfirmation, in: database.tables)
            return .awaitingConfirmation(reference: reference)
        case .pending:
            return cancelled ? .cancelled(reference: reference) : .notPaid(reference: reference)
        }
    }

    /// Records a notification (it carries only the provider's reference) and queues the check.
    public func notified(provider: String, reference: String) async throws {
        let clean = String(reference.prefix(200))
        let known = try await database.tables.payments.exists(provider: provider, reference: clean)
        try await database.transaction { tables in
            try await tables.payments.addNotification(provider: provider, reference: clean, outcome: known ? "queued" : "unknown")
            guard known else { return }
            try await JobQueue.enqueue(NewJob(kind: PaymentCheck.kind, payload: try JobPayload.encode(PaymentCheck(provider: provider, reference: clean)),
                                              maxAttempts: 20), in: tables)
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
        try await database.transaction { tables in
            guard let attempt = try await tables.payments.attempt(provider: provider, reference: details.reference),
                  let order = try await tables.orders.detail(acrossTenants: attempt.orderID)
            else { return }
            let changed = try await tables.payments.changeStatus(details.status.rawValue, failureReason: details.failureReason, of: attempt.id)
            switch details.status {
            case .succeeded:
                // Once per charge: a duplicate notification or a concurrent check finds it applied.
                guard changed else { return }
                try await succeeded(order, attempt: attempt, details: details, in: tables)
            case .refused, .expired:
                // Only the latest attempt speaks for the order: a late refusal of an earlier try must
                // not undo the retry that followed it.
                guard try await tables.payments.latest(of: attempt.orderID)?.id == attempt.id else { return }
                try await OrderTransition.move(orderID: attempt.orderID, from: [.awaitingPayment, .awaitingPaymentConfirmation], to: .paymentRefused, in: tables)
            case .cancelled, .pending: break
            }
        }
    }

    /// A confirmed charge: it validates the order if the order still waits for it and stays within
    /// the CSE's caps; otherwise it goes back to the buyer's bank (`ChargeRefund`). Decided under
    /// the buyer's lock, so that two charges (of one order, or of two orders against one cap)
    /// are decided one after the other, each seeing the other's outcome.
    private func succeeded(_ detail: OrderTable.Detail, attempt: PaymentTable.Attempt, details: PaymentDetails,
                           in tables: Tables) async throws {
        let order = detail.record, orderID = detail.record.id
        guard details.amount == order.totalCents, details.currency == "EUR", details.orderReference == order.reference else {
            let flag = "Paiement \(details.reference) de \(Money(cents: details.amount).french) \(details.currency) pour \(details.orderReference) : ne correspond pas à la commande (\(Money(cents: order.totalCents).french) EUR)."
            try await tables.orders.flagPayment(orderID, flag)
            return
        }
        try await tables.users.lockForPurchases(detail.userID)
        let refund = ChargeRefund(composer: composer, now: now)
        let payable: [OrderStatus] = [.awaitingPayment, .awaitingPaymentConfirmation, .paymentRefused]
        guard let status = try await tables.orders.status(of: orderID), payable.contains(status) else {
            try await refund.unwanted(detail, attempt: attempt, in: tables)
            return
        }
        if let cap = try await CapCheck(now: now).passed(by: detail, in: tables) {
            try await OrderTransition.move(orderID: orderID, from: payable, to: .cancelled, in: tables)
            try await refund.pastCap(detail, attempt: attempt, cap: cap, in: tables)
            return
        }
        guard try await OrderTransition.move(orderID: orderID, from: payable, to: .validated, in: tables) else {
            try await refund.unwanted(detail, attempt: attempt, in: tables)
            return
        }
        try await tables.orders.setPaidAttempt(orderID, attemptID: attempt.id)
        try await tables.orders.markInvoiced(orderID, at: now())
        try await Outbox.enqueue(try confirmation(order, to: detail.buyer), in: tables)
        let issueAt = now().addingTimeInterval(Double(settings.issueDelay.components.seconds))
        try await JobQueue.enqueue(NewJob(kind: OrderEvents.validatedKind, payload: try JobPayload.encode(OrderEvents.Validated(orderID: orderID)),
                                          runAt: EpochMilliseconds.from(issueAt)), in: tables, now: now())
    }

    /// "Nous vous confirmons que celle-ci a été validée." with the lines, discount, price, total.
    func confirmation(_ order: OrderRecord, to user: UserRecord) throws -> MailMessage {
        let lines = order.lines.map { line in
            OrderMail.Line(product: line.productName, quantity: "\(line.quantity) x \(Money(cents: line.faceValueCents).french)",
                           discount: ((try? DiscountRate(basisPoints: line.discountBasisPoints)) ?? .none).description,
                           price: Money(cents: line.priceCents).french)
        }
        let data = OrderMail(reference: order.reference, lines: lines, total: Money(cents: order.totalCents).french,
                             savings: Money(cents: order.savingsCents).french, shop: settings.beneficiary)
        return try composer.compose("order-confirmed", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"),
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
