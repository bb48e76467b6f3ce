import BoutiqueCore
import BoutiqueStore
import Foundation

/// The accounting journal of a period, for the operator's accountant: one balanced entry per
/// event that moved money (invoices, credit notes, charges and refunds through the provider,
/// transfers from CSEs) and one per day for the cards' life (spent at tills, expired), in the
/// FEC layout (`FECWriter`) on the chart of accounts of the settings (`JournalAccounts`).
///
/// A card refund's write-off is not posted on its own: the credit note that goes with it debits
/// the liability by the same balances, so posting both would count it twice.
public struct JournalExport: Sendable {
    public struct File: Sendable {
        public let name: String
        public let bytes: [UInt8]
    }

    let database: BoutiqueDatabase
    let replica: ReadReplica?
    let accounts: JournalAccounts
    /// The seller's SIREN, which names the file.
    let siren: String

    public init(database: BoutiqueDatabase, replica: ReadReplica? = nil, accounts: JournalAccounts, siren: String) {
        self.database = database
        self.replica = replica
        self.accounts = accounts
        self.siren = siren
    }

    /// The operator's download; it is in the audit log.
    public func file(actor: AccountActor, from first: CalendarDate, through last: CalendarDate) async throws -> File? {
        guard actor.role == .operator else { return nil }
        let entries = try await entries(from: first, through: last)
        try await AuditLog(database: database).record(.journalExported, by: actor, target: "\(first.iso) → \(last.iso)", tenantID: nil)
        return File(name: FECWriter.fileName(siren: siren, closing: last), bytes: FECWriter.bytes(entries))
    }

    /// Every entry dated `first...last` (French days).
    public func entries(from first: CalendarDate, through last: CalendarDate) async throws -> [JournalEntry] {
        let start = FrenchCalendar.start(of: first), end = FrenchCalendar.start(of: last.addingDays(1))
        let reports = await database.reports(replica: replica)
        let postings = JournalPostings(accounts: accounts)
        var entries: [JournalEntry] = []
        entries += try await reports.journalSales(acrossTenants: start, before: end).map(postings.sale)
        entries += try await reports.journalDotations(acrossTenants: start, before: end).map(postings.dotation)
        entries += try await reports.journalCreditNotes(acrossTenants: start, before: end).map { postings.creditNote($0.note, cse: $0.cse) }
        entries += try await reports.journalPayments(acrossTenants: start, before: end).map(postings.payment)
        entries += try await reports.journalTransfers(acrossTenants: first.iso, through: last.iso).compactMap(postings.transfer)
        entries += postings.cardDays(try await reports.journalLedgerHours(acrossTenants: start, before: end))
        return entries
    }
}
