import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// Issues a paid dotation's cards (the `dotation.paid` job, run on the activation day when one was
/// chosen): one card per employee carrying the event, then « Cartes émises » and one e-mail each.
/// Re-running it after a crash creates no card twice: each line's id is its card's order line.
public struct DotationIssuance: Sendable {
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
        registry.register(Dotations.paidKind, payload: Dotations.Paid.self) { paid, _ in
            try await issuance.issue(dotationID: paid.dotationID)
        }
    }

    public func issue(dotationID: UUID) async throws {
        guard let dotation = try await Dotation.query(on: database.db).filter(\.$id == dotationID)
            .with(\.$lines, { $0.with(\.$user) }).first() else { throw PermanentJobError("Dotation \(dotationID) introuvable") }
        guard dotation.status == .paid else { return }
        let event = UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event
        let cardEvent = "\(event) \(dotation.eventYear)"
        let startDay = dotation.activationDate.flatMap(CalendarDate.init(iso:)) ?? FrenchCalendar.today(now())
        let lines = dotation.lines.sorted { $0.position < $1.position }
        for line in lines {
            try await issuer.issue(CardIssueRequest(tenantID: dotation.$tenant.id, ownerID: line.$user.id, orderLineID: try line.requireID(),
                                                    count: 1, faceValue: Money(cents: line.amountCents), event: cardEvent,
                                                    purchasedOn: startDay))
        }
        try await database.db.transaction { db in
            let sql = try db.requireSQL()
            guard try await sql.raw("""
                UPDATE dotations SET status = \(bind: DotationStatus.issued.rawValue), issued_at = \(bind: now())
                WHERE id = \(bind: dotationID) AND status = \(bind: DotationStatus.paid.rawValue) RETURNING id
                """).first() != nil else { return }
            for line in lines {
                let user = line.user
                let message = try composer.compose(
                    "dotation-cards", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"),
                    subject: "Votre CSE vous offre une e-Carte (\(cardEvent))",
                    data: ["event": cardEvent, "amount": Money(cents: line.amountCents).guide, "link": "\(composer.settings.publicURL)/compte/cartes"])
                try await Outbox.enqueue(message, on: sql)
            }
        }
    }
}
