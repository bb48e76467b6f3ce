import BoutiqueCore
import BoutiqueStore
import Foundation

/// The accountant's file: one row per invoice dated between two French days (inclusive), from
/// the shop's one gap-free invoice counter — employees' orders (invoiced when paid, refunded ones
/// included with their status) and CSEs' dotations (invoiced when confirmed, cancelled ones
/// included) — and the credit notes that correct them (negative amounts, naming the invoice they
/// correct), so that the invoice sequence has no hole.
public struct AccountingExport: Sendable {
    public static let header = ["Date", "Facture", "Type", "Commande ou dotation", "CSE", "Salarié", "Valeur faciale", "Remise",
                                "Montant facturé", "Référence paiement", "Statut", "Facture rectifiée"]

    let database: BoutiqueDatabase
    /// Where the file is read when it is fresh (the audit entry is written to `database`).
    let replica: ReadReplica?

    public init(database: BoutiqueDatabase, replica: ReadReplica? = nil) {
        self.database = database
        self.replica = replica
    }

    /// The operator's export; the download is in the audit log.
    public func csv(actor: AccountActor, from first: CalendarDate, through last: CalendarDate) async throws -> String? {
        guard actor.role == .operator else { return nil }
        let text = try await csv(from: first, through: last)
        try await AuditLog(database: database).record(.accountingExported, by: actor, target: "\(first.iso) → \(last.iso)", tenantID: nil)
        return text
    }

    public func csv(from first: CalendarDate, through last: CalendarDate) async throws -> String {
        let start = FrenchCalendar.start(of: first), end = FrenchCalendar.start(of: last.addingDays(1))
        let reports = await database.reports(replica: replica)
        let orders = try await reports.invoicedOrders(acrossTenants: start, before: end)
        let dotations = try await reports.invoicedDotations(acrossTenants: start, before: end)
        let employees = try await reports.employeeCounts(ofDotations: dotations.map(\.record.id))
        let notes = try await reports.creditNotes(acrossTenants: start, before: end)
        let rows = orders.map { ($0.record.invoiceNumber ?? 0, Self.row($0)) }
            + dotations.map { ($0.record.invoiceNumber, Self.row($0, employees: employees[$0.record.id] ?? 0)) }
            + notes.map { ($0.note.number, Self.row($0.note, cse: $0.cseName)) }
        var writer = CSVWriter()
        writer.row(Self.header.map { .text($0) })
        for (_, row) in rows.sorted(by: { $0.0 < $1.0 }) { writer.row(row) }
        return writer.text
    }

    static func row(_ detail: OrderTable.Detail) -> [CSVWriter.Cell] {
        let order = detail.record
        let paid = order.attempts.first { $0.status == "succeeded" } ?? order.attempts.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
        return [
            .text(detail.validatedAt.map { FrenchCalendar.today($0).french } ?? ""),
            .text(order.invoiceNumber.map(OrderHistory.invoiceReference) ?? ""),
            .text("Commande"),
            .text(order.reference),
            .text(order.cseName ?? ""),
            .text(detail.buyer.displayName),
            .amount(cents: order.faceTotalCents),
            .amount(cents: order.savingsCents),
            .amount(cents: order.totalCents),
            .text(paid.map { "\($0.provider) \($0.reference)" } ?? ""),
            .text(order.status.label),
            .text(""),
        ]
    }

    /// A dotation is invoiced at face value, without discount, the day it is confirmed.
    static func row(_ invoiced: ReportTable.InvoicedDotation, employees: Int) -> [CSVWriter.Cell] {
        let dotation = invoiced.record
        return [
            .text(dotation.createdAt.map { FrenchCalendar.today($0).french } ?? ""),
            .text(OrderHistory.invoiceReference(dotation.invoiceNumber)),
            .text("Dotation"),
            .text(dotation.reference),
            .text(dotation.cseName ?? ""),
            .text("\(employees) salarié(s)"),
            .amount(cents: dotation.totalCents),
            .amount(cents: 0),
            .amount(cents: dotation.totalCents),
            .text(invoiced.paidAt.map { "virement du \(FrenchCalendar.today($0).french)" } ?? ""),
            .text(dotation.status.label),
            .text(""),
        ]
    }

    /// A credit note: its amounts negative, so that a column's sum is what the shop kept.
    static func row(_ note: CreditNoteRecord, cse: String) -> [CSVWriter.Cell] {
        [
            .text(FrenchCalendar.today(note.issuedAt).french),
            .text(OrderHistory.invoiceReference(note.number)),
            .text("Avoir"),
            .text(note.subjectReference),
            .text(cse),
            .text(note.buyer.name),
            .amount(cents: -note.faceTotalCents),
            .amount(cents: -(note.faceTotalCents - note.totalCents)),
            .amount(cents: -note.totalCents),
            .text(""),
            .text(note.reason == .orderRefund ? "Remboursement" : "Dotation annulée"),
            .text(OrderHistory.invoiceReference(note.invoiceNumber)),
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
