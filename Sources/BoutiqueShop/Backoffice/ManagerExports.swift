import BoutiqueCore
import BoutiqueStore
import Foundation

/// The CSV exports of a CSE's back office: employees, orders, dotations (one row per employee)
/// and cards (numbers masked: only the last four digits). Always scoped to the manager's CSE.
public struct ManagerExports: Sendable {
    let database: BoutiqueDatabase
    /// Where the files are read when it is fresh (the audit entry is written to `database`).
    let replica: ReadReplica?

    public init(database: BoutiqueDatabase, replica: ReadReplica? = nil) {
        self.database = database
        self.replica = replica
    }

    /// The files the back office offers.
    public enum File: String, CaseIterable, Sendable {
        case employees = "salaries.csv", orders = "commandes.csv", dotations = "dotations.csv", cards = "cartes.csv"
    }

    /// One export of the manager's CSE; the download is in the audit log.
    /// - Returns: nil for anyone but a manager of a CSE.
    public func export(actor: AccountActor, _ file: File) async throws -> String? {
        guard actor.role == .manager, let scope = actor.scope else { return nil }
        let text = switch file {
        case .employees: try await employees(in: scope)
        case .orders: try await orders(in: scope)
        case .dotations: try await dotations(in: scope)
        case .cards: try await cards(in: scope)
        }
        try await AuditLog(database: database).record(.csvExported, by: actor, target: file.rawValue, tenantID: scope.tenantID)
        return text
    }

    func employees(in scope: TenantScope) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Nom", "Prénom", "E-mail", "Téléphone", "Statut", "Inscrit le", "Validé le"].map { .text($0) })
        for employee in try await database.reports(replica: replica).employees(in: scope) {
            let user = employee.user
            csv.row([user.lastName, user.firstName, user.email, user.phone, UserStatusLabel.label(user.status),
                     Self.day(user.createdAt), Self.day(employee.approvedAt)].map { .text($0) })
        }
        return csv.text
    }

    func orders(in scope: TenantScope) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Commande", "Date", "Salarié", "E-mail", "Statut", "Valeur faciale", "Remise", "Montant payé", "Facture"].map { .text($0) })
        for order in try await database.reports(replica: replica).orders(in: scope) {
            let user = order.customer
            csv.row([order.reference, Self.day(order.createdAt), user?.displayName ?? "", user?.email ?? "", order.status.label].map { .text($0) }
                    + [.amount(cents: order.faceTotalCents), .amount(cents: order.savingsCents), .amount(cents: order.totalCents),
                       .text(order.invoiceNumber.map(OrderHistory.invoiceReference) ?? "")])
        }
        return csv.text
    }

    func dotations(in scope: TenantScope) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Dotation", "Évènement", "Date de l'évènement", "Statut", "Facture", "Salarié", "E-mail", "Montant"].map { .text($0) })
        for dotation in try await database.reports(replica: replica).dotations(in: scope) {
            let event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
            for line in dotation.lines {
                csv.row([dotation.reference, event, CalendarDate(iso: dotation.eventDate)?.french ?? dotation.eventDate,
                         dotation.status.label, OrderHistory.invoiceReference(dotation.invoiceNumber), line.name,
                         line.email].map { .text($0) } + [.amount(cents: line.amountCents)])
            }
        }
        return csv.text
    }

    /// Never the full number nor the PIN: the export leaves the shop.
    func cards(in scope: TenantScope) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Carte", "Titulaire", "E-mail", "Évènement", "Valeur faciale", "Solde", "État", "Émise le", "Valable jusqu'au"].map { .text($0) })
        for card in try await database.reports(replica: replica).cards(in: scope) {
            let name = [card.firstName, card.lastName].compactMap { $0 }.joined(separator: " ")
            let state = CardStateLabel.label(card.status)
            let lastDay = CalendarDate(iso: card.lastDay)?.french ?? ""
            csv.row([.text("****" + card.last4), .text(name), .text(card.email ?? ""), .text(card.event),
                     .amount(cents: Int(card.faceValueCents)), .amount(cents: Int(card.balanceCents)),
                     .text(state), .text(Self.day(card.issuedAt)), .text(lastDay)])
        }
        return csv.text
    }

    static func day(_ date: Date?) -> String {
        date.map { FrenchCalendar.today($0).french } ?? ""
    }
}

/// The French labels of account statuses, for pages and exports.
public enum UserStatusLabel {
    public static func label(_ status: UserStatus) -> String {
        switch status {
        case .unverified: "E-mail non validé"
        case .pending: "En attente"
        case .active: "Actif"
        case .rejected: "Refusé"
        case .disabled: "Désactivé"
        case .closed: "Compte fermé"
        }
    }
}

/// The French labels of card states.
enum CardStateLabel {
    static func label(_ status: String) -> String {
        ["active": "Active", "blocked": "Bloquée", "expired": "Expirée"][status] ?? status
    }
}
