import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// Issues the cards of a validated order (the `order.validated` job), then activates the order and
/// sends "vos e-Cartes sont disponibles". Re-running it after a crash, or twice at once, creates no
/// card twice (one card per line position) and sends one e-mail (guarded status change).
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
        guard let order = try await Order.query(on: database.db).filter(\.$id == orderID).with(\.$lines).with(\.$user).first() else {
            throw PermanentJobError("Commande \(orderID) introuvable")
        }
        guard order.status == .validated else { return }
        let purchasedOn = FrenchCalendar.today(order.validatedAt ?? now())
        for line in order.lines.sorted(by: { $0.position < $1.position }) {
            try await issuer.issue(CardIssueRequest(
                tenantID: order.$tenant.id, ownerID: order.$user.id, orderLineID: try line.requireID(), count: line.quantity,
                faceValue: Money(cents: line.faceValueCents), event: CardIssueRequest.resaleEvent,
                usageConditions: line.usageConditions, excludedCategories: line.excludedCategories,
                validity: (try? CardValidity(months: line.validityMonths)) ?? .standard, purchasedOn: purchasedOn))
        }
        try await database.db.transaction { db in
            guard try await OrderTransition.move(orderID: orderID, from: [.validated], to: .activated, on: db),
                  let sql = db as? any SQLDatabase else { return }
            try await sql.raw("UPDATE orders SET activated_at = \(bind: now()) WHERE id = \(bind: orderID)").run()
            let user = order.user
            let message = try composer.compose("cards-available", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"),
                                               subject: "Vos e-Cartes sont disponibles (\(order.reference))",
                                               data: ["reference": order.reference, "link": "\(composer.settings.publicURL)/compte/cartes"])
            try await Outbox.enqueue(message, on: sql)
        }
    }
}
