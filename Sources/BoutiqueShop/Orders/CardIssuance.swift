import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// Issues the cards of a validated order (the `order.validated` job), then activates the order and
/// sends "vos e-Cartes sont disponibles".
///
/// The order's move to « Activé » and its cards are one transaction, and the move is a guarded
/// UPDATE that runs first: it checks the status and takes the order's row lock in one statement.
/// A refund that got there first leaves the order « Remboursée », so nothing is issued; a refund
/// that comes during the issue waits for the lock (PostgreSQL; SQLite has a single writer) and
/// then finds every card, which it blocks. Re-running the job, or two at once, creates no card
/// twice and sends one e-mail.
public struct CardIssuance: Sendable {
    let database: BoutiqueDatabase
    let issuer: CardIssuer
    let composer: MailComposer
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, issuer: CardIssuer, composer: MailComposer, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.issuer = issuer
        self.composer = composer
        self.now = now
    }

    public func register(in registry: inout JobRegistry) {
        let issuance = self
        registry.register(OrderEvents.validatedKind, payload: OrderEvents.Validated.self) { event, _ in
            try await issuance.issue(orderID: event.orderID)
        }
    }

    public func issue(orderID: UUID) async throws {
        guard let detail = try await database.tables.orders.detail(acrossTenants: orderID) else {
            throw PermanentJobError("Commande \(orderID) introuvable")
        }
        let order = detail.record
        // A cheap way out for replays; the guarded UPDATE below is what decides.
        guard order.status == .validated else { return }
        let purchasedOn = FrenchCalendar.today(detail.validatedAt ?? now())
        let requests = detail.lines.map { line in
            CardIssueRequest(tenantID: order.tenantID, ownerID: detail.userID, orderLineID: line.id, count: line.quantity,
                             faceValue: Money(cents: line.faceValueCents), event: CardIssueRequest.resaleEvent,
                             usageConditions: line.usageConditions, excludedCategories: line.excludedCategories,
                             validity: (try? CardValidity(months: line.validityMonths)) ?? .standard, purchasedOn: purchasedOn)
        }
        let user = detail.buyer
        let message = try composer.compose("cards-available", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"),
                                           subject: "Vos e-Cartes sont disponibles (\(order.reference))",
                                           data: ["reference": order.reference, "link": "\(composer.settings.publicURL)/compte/cartes"])
        let issuer = self.issuer, time = now()
        try await database.transaction { tables in
            guard try await OrderTransition.move(orderID: orderID, from: [.validated], to: .activated, in: tables) else { return }
            for request in requests { try await issuer.issue(request, in: tables) }
            try await tables.orders.markActivated(orderID, at: time)
            try await Outbox.enqueue(message, in: tables)
        }
    }
}
