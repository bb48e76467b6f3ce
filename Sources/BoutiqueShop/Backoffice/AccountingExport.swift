import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

/// The accountant's file: one row per invoiced order paid between two French days (inclusive),
/// refunded ones included with their status, so that the invoice sequence has no hole.
public struct AccountingExport: Sendable {
    public static let header = ["Date", "Facture", "Commande", "CSE", "Salarié", "Valeur faciale", "Remise", "Montant payé",
                                "Référence paiement", "Statut"]

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    public func csv(from first: CalendarDate, through last: CalendarDate) async throws -> String {
        let orders = try await Order.query(on: database.db)
            .filter(\.$validatedAt >= FrenchCalendar.start(of: first))
            .filter(\.$validatedAt < FrenchCalendar.start(of: last.addingDays(1)))
            .filter(\.$invoiceNumber != nil)
            .with(\.$tenant).with(\.$user).with(\.$attempts)
            .all()
            .sorted { ($0.invoiceNumber ?? 0) < ($1.invoiceNumber ?? 0) }
        var writer = CSVWriter()
        writer.row(Self.header.map { .text($0) })
        for order in orders { writer.row(Self.row(order)) }
        return writer.text
    }

    static func row(_ order: Order) -> [CSVWriter.Cell] {
        let paid = order.attempts.first { $0.status == "succeeded" } ?? order.attempts.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
        return [
            .text(order.validatedAt.map { FrenchCalendar.today($0).french } ?? ""),
            .text(order.invoiceNumber.map(OrderHistory.invoiceReference) ?? ""),
            .text(order.reference),
            .text(order.tenant.name),
            .text(order.user.displayName),
            .amount(cents: order.faceTotalCents),
            .amount(cents: order.savingsCents),
            .amount(cents: order.totalCents),
            .text(paid.map { "\($0.provider) \($0.reference)" } ?? ""),
            .text(order.status.label),
        ]
    }

    /// `2026-11-25` → a calendar date; nil for anything else.
    public static func day(_ text: String?) -> CalendarDate? {
        let parts = (text ?? "").split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        return try? CalendarDate(year: year, month: month, day: day)
    }
}
