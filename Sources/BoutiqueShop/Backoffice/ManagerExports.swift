import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// The CSV exports of a CSE's back office: employees, orders, dotations (one row per employee)
/// and cards (numbers masked: only the last four digits). Always scoped to the manager's CSE.
public struct ManagerExports: Sendable {
    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// The files the back office offers.
    public enum File: String, CaseIterable, Sendable {
        case employees = "salaries.csv", orders = "commandes.csv", dotations = "dotations.csv", cards = "cartes.csv"
    }

    /// One export of the manager's CSE; the download is in the audit log.
    /// - Returns: nil for anyone but a manager of a CSE.
    public func export(actor: AccountActor, _ file: File) async throws -> String? {
        guard actor.role == .manager, let tenantID = actor.tenantID else { return nil }
        let text = switch file {
        case .employees: try await employees(tenantID: tenantID)
        case .orders: try await orders(tenantID: tenantID)
        case .dotations: try await dotations(tenantID: tenantID)
        case .cards: try await cards(tenantID: tenantID)
        }
        try await AuditLog(database: database).record(.csvExported, by: actor, target: file.rawValue, tenantID: tenantID)
        return text
    }

    public func employees(tenantID: UUID) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Nom", "Prénom", "E-mail", "Téléphone", "Statut", "Inscrit le", "Validé le"].map { .text($0) })
        for user in try await User.query(on: database.db).filter(\.$tenant.$id == tenantID).filter(\.$role == .employee)
            .sort(\.$lastName).sort(\.$firstName).all() {
            csv.row([user.lastName, user.firstName, user.email, user.phone, UserStatusLabel.label(user.status),
                     Self.day(user.createdAt), Self.day(user.approvedAt)].map { .text($0) })
        }
        return csv.text
    }

    public func orders(tenantID: UUID) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Commande", "Date", "Salarié", "E-mail", "Statut", "Valeur faciale", "Remise", "Montant payé", "Facture"].map { .text($0) })
        for order in try await Order.query(on: database.db).filter(\.$tenant.$id == tenantID).with(\.$user).sort(\.$number).all() {
            csv.row([order.reference, Self.day(order.createdAt), order.user.displayName, order.user.email, order.status.label].map { .text($0) }
                    + [.amount(cents: order.faceTotalCents), .amount(cents: order.savingsCents), .amount(cents: order.totalCents),
                       .text(order.invoiceNumber.map(OrderHistory.invoiceReference) ?? "")])
        }
        return csv.text
    }

    public func dotations(tenantID: UUID) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Dotation", "Évènement", "Date de l'évènement", "Statut", "Facture", "Salarié", "E-mail", "Montant"].map { .text($0) })
        for dotation in try await Dotation.query(on: database.db).filter(\.$tenant.$id == tenantID).sort(\.$reference)
            .with(\.$lines, { $0.with(\.$user) }).all() {
            let event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
            for line in dotation.lines.sorted(by: { $0.position < $1.position }) {
                csv.row([dotation.reference, event, CalendarDate(iso: dotation.eventDate)?.french ?? dotation.eventDate,
                         dotation.status.label, OrderHistory.invoiceReference(dotation.invoiceNumber), line.user.displayName,
                         line.user.email].map { .text($0) } + [.amount(cents: line.amountCents)])
            }
        }
        return csv.text
    }

    /// Never the full number nor the PIN: the export leaves the shop.
    public func cards(tenantID: UUID) async throws -> String {
        var csv = CSVWriter()
        csv.row(["Carte", "Titulaire", "E-mail", "Évènement", "Valeur faciale", "Solde", "État", "Émise le", "Valable jusqu'au"].map { .text($0) })
        let rows = try await database.sql.raw("""
            SELECT c.last4 AS last4, c.event AS event, c.face_value_cents AS face, c.balance_cents AS balance, c.status AS status,
                   c.issued_at AS issued_at, c.last_day AS last_day, u.email AS email, u.first_name AS first_name, u.last_name AS last_name
            FROM cards c LEFT JOIN users u ON u.id = c.owner_id
            WHERE c.tenant_id = \(bind: tenantID) ORDER BY c.issued_at, c.last4
            """).all()
        for row in rows {
            let issued = Date(timeIntervalSince1970: Double(try row.decode(column: "issued_at", as: Int64.self)) / 1000)
            let name = [try row.decode(column: "first_name", as: String?.self), try row.decode(column: "last_name", as: String?.self)]
                .compactMap { $0 }.joined(separator: " ")
            let last4 = try row.decode(column: "last4", as: String.self)
            let email = try row.decode(column: "email", as: String?.self) ?? ""
            let event = try row.decode(column: "event", as: String.self)
            let state = CardStateLabel.label(try row.decode(column: "status", as: String.self))
            let lastDay = CalendarDate(iso: try row.decode(column: "last_day", as: String.self))?.french ?? ""
            csv.row([.text("****" + last4), .text(name), .text(email), .text(event),
                     .amount(cents: Int(try row.decode(column: "face", as: Int64.self))),
                     .amount(cents: Int(try row.decode(column: "balance", as: Int64.self))),
                     .text(state), .text(Self.day(issued)), .text(lastDay)])
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
        }
    }
}

/// The French labels of card states.
enum CardStateLabel {
    static func label(_ status: String) -> String {
        ["active": "Active", "blocked": "Bloquée", "expired": "Expirée"][status] ?? status
    }
}
