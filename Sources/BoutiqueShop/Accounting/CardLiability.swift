import BoutiqueCore
import BoutiqueStore
import Foundation

/// « Encours des e-Cartes »: what the shop owes card holders at the end of a French day, by CSE
/// and product, with how each figure came to be (issued − spent − refunded − expired), read from
/// the ledger as it stood then. On a page and in CSV for the operator.
public struct CardLiability: Sendable {
    public struct Row: Sendable, Equatable {
        public let cse: String
        /// The product, « Dotation « event » » for a dotation's cards, « Émission « event » » for
        /// cards issued from the command line.
        public let product: String
        public let cards: Int
        public let cardsWithBalance: Int
        public let issued: Money
        public let redeemed: Money
        public let refunded: Money
        public let expired: Money
        public let outstanding: Money
    }

    public struct Report: Sendable {
        public let day: CalendarDate
        public let rows: [Row]
        /// The sums of every row.
        public let total: Row
    }

    public static let header = ["CSE", "Produit", "e-Cartes émises", "dont avec solde", "Émis", "Utilisé en caisse", "Remboursé", "Expiré",
                                "Encours"]

    let database: BoutiqueDatabase
    let replica: ReadReplica?

    public init(database: BoutiqueDatabase, replica: ReadReplica? = nil) {
        self.database = database
        self.replica = replica
    }

    /// The liability at the end of `day` (French time).
    public func report(at day: CalendarDate) async throws -> Report {
        let rows = try await database.reports(replica: replica).cardLiability(acrossTenants: FrenchCalendar.start(of: day.addingDays(1)))
            .map(Self.row)
        return Report(day: day, rows: rows, total: Self.total(rows))
    }

    /// The operator's CSV; the download is in the audit log.
    public func csv(actor: AccountActor, at day: CalendarDate) async throws -> String? {
        guard actor.role == .operator else { return nil }
        let report = try await report(at: day)
        try await AuditLog(database: database).record(.cardLiabilityExported, by: actor, target: day.iso, tenantID: nil)
        var writer = CSVWriter()
        writer.row(Self.header.map { .text($0) })
        for row in report.rows + [report.total] {
            writer.row([.text(row.cse), .text(row.product), .number(row.cards), .number(row.cardsWithBalance),
                        .amount(cents: row.issued.cents), .amount(cents: row.redeemed.cents), .amount(cents: row.refunded.cents),
                        .amount(cents: row.expired.cents), .amount(cents: row.outstanding.cents)])
        }
        return writer.text
    }

    static func row(_ row: ReportTable.LiabilityRow) -> Row {
        let product = row.product ?? "\(row.isDotation ? "Dotation" : "Émission") « \(row.event ?? "") »"
        return Row(cse: row.cseName, product: product, cards: row.cards, cardsWithBalance: row.cardsWithBalance,
                   issued: Money(cents: Int(row.issuedCents)), redeemed: Money(cents: Int(row.redeemedCents)),
                   refunded: Money(cents: Int(row.refundedCents)), expired: Money(cents: Int(row.expiredCents)),
                   outstanding: Money(cents: Int(row.outstandingCents)))
    }

    static func total(_ rows: [Row]) -> Row {
        func sum(_ value: (Row) -> Money) -> Money { Money(cents: rows.reduce(0) { $0 + value($1).cents }) }
        return Row(cse: "Total", product: "", cards: rows.reduce(0) { $0 + $1.cards }, cardsWithBalance: rows.reduce(0) { $0 + $1.cardsWithBalance },
                   issued: sum(\.issued), redeemed: sum(\.redeemed), refunded: sum(\.refunded), expired: sum(\.expired),
                   outstanding: sum(\.outstanding))
    }
}
