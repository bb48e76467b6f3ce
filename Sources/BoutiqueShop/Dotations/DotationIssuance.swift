import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

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
        guard let detail = try await database.tables.dotations.findAcrossTenants(dotationID) else {
            throw PermanentJobError("Dotation \(dotationID) introuvable")
        }
        let dotation = detail.record
        guard dotation.status == .paid else { return }
        let event = UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event
        let cardEvent = "\(event) \(dotation.eventYear)"
        let startDay = dotation.activationDate.flatMap(CalendarDate.init(iso:)) ?? FrenchCalendar.today(now())
        let lines = detail.lines
        for line in lines {
            try await issuer.issue(CardIssueRequest(tenantID: dotation.tenantID, ownerID: line.userID, orderLineID: line.id,
                                                    count: 1, faceValue: Money(cents: line.amountCents), event: cardEvent,
                                                    purchasedOn: startDay))
        }
        // The job's own CSE: the one the operator recorded the payment for.
        let scope = TenantScope(operatorChoice: dotation.tenantID)
        try await database.transaction { tables in
            guard try await tables.dotations.markIssued(dotationID, at: now(), in: scope) else { return }
            for line in lines {
                let message = try composer.compose(
                    "dotation-cards", to: MailAddress(line.email, name: "\(line.firstName) \(line.lastName)"),
                    subject: "Votre CSE vous offre une e-Carte (\(cardEvent))",
                    data: ["event": cardEvent, "amount": Money(cents: line.amountCents).french, "link": "\(composer.settings.publicURL)/compte/cartes"])
                try await Outbox.enqueue(message, in: tables)
            }
        }
    }
}
