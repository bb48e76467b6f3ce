import BoutiqueCore
import BoutiqueStore
import Foundation

/// How each event is posted: the debits and credits of one entry, on the settings' accounts.
/// Customers' lines carry an auxiliary account — one per CSE for its dotations, one per CSE for
/// its employees' orders — so that each balances to zero once everything is paid, without an
/// account per person in the accountant's books.
struct JournalPostings: Sendable {
    let accounts: JournalAccounts

    /// An order's invoice: the employee owes the price, the discount is the shop's cost, the
    /// cards' face value is owed to their holder.
    func sale(_ sale: ReportTable.JournalSale) -> JournalEntry {
        let day = FrenchCalendar.today(sale.invoicedAt), employees = Self.employees(sale.cse)
        return JournalEntry(journal: .sales, date: day, pieceReference: OrderHistory.invoiceReference(sale.invoiceNumber),
                            label: "Facture commande \(sale.reference)", lines: [
                                .debit(accounts.customers, sale.totalCents, auxiliary: employees),
                                .debit(accounts.discounts, sale.savingsCents),
                                .credit(accounts.cardLiability, sale.faceTotalCents),
                            ])
    }

    /// A dotation's invoice: the CSE owes the face value, without discount.
    func dotation(_ dotation: ReportTable.JournalDotation) -> JournalEntry {
        JournalEntry(journal: .sales, date: FrenchCalendar.today(dotation.invoicedAt),
                     pieceReference: OrderHistory.invoiceReference(dotation.invoiceNumber),
                     label: "Facture dotation \(dotation.reference) \(dotation.event)", lines: [
                         .debit(accounts.customers, dotation.totalCents, auxiliary: Self.cse(dotation.cse)),
                         .credit(accounts.cardLiability, dotation.totalCents),
                     ])
    }

    /// A credit note reverses its invoice's lines for what it credits: the cards' unspent face
    /// value leaves the liability, the buyer is owed what it cost (a refund's discount share
    /// comes back off the discount account).
    func creditNote(_ note: CreditNoteRecord, cse: ReportTable.JournalCSE) -> JournalEntry {
        let customer = note.reason == .orderRefund ? Self.employees(cse) : Self.cse(cse)
        let face = Int64(note.faceTotalCents), total = Int64(note.totalCents)
        return JournalEntry(journal: .sales, date: FrenchCalendar.today(note.issuedAt), pieceReference: OrderHistory.invoiceReference(note.number),
                            label: "Avoir sur \(OrderHistory.invoiceReference(note.invoiceNumber)) \(note.subjectReference)", lines: [
                                .debit(accounts.cardLiability, face),
                                .credit(accounts.customers, total, auxiliary: customer),
                                .credit(accounts.discounts, face - total),
                            ])
    }

    /// A charge the provider confirmed (the employee pays) or a refund it made (the employee is
    /// paid back): between the provider's account and the employees'.
    func payment(_ payment: ReportTable.JournalPayment) -> JournalEntry {
        let employees = Self.employees(payment.cse)
        let what = payment.isRefund ? "Remboursement" : "Paiement"
        let lines: [JournalEntry.Line] = payment.isRefund
            ? [.debit(accounts.customers, payment.amountCents, auxiliary: employees), .credit(accounts.paymentProvider, payment.amountCents)]
            : [.debit(accounts.paymentProvider, payment.amountCents), .credit(accounts.customers, payment.amountCents, auxiliary: employees)]
        let invoice = payment.invoiceNumber.map { " " + OrderHistory.invoiceReference($0) } ?? ""
        return JournalEntry(journal: .cardPayments, date: FrenchCalendar.today(payment.at),
                            pieceReference: "\(payment.provider) \(payment.providerReference)",
                            label: "\(what) commande \(payment.orderReference)\(invoice)", lines: lines)
    }

    /// A transfer from a CSE, on the day the bank credited it.
    func transfer(_ transfer: ReportTable.JournalTransfer) -> JournalEntry? {
        guard let parsed = AccountingExport.day(transfer.receivedOn) else { return nil }
        let statement = transfer.statementReference.isEmpty ? transfer.dotationReference : transfer.statementReference
        return JournalEntry(journal: .bank, date: parsed, pieceReference: statement,
                            label: "Virement dotation \(transfer.dotationReference) \(OrderHistory.invoiceReference(transfer.invoiceNumber))",
                            lines: [
                                .debit(accounts.bank, transfer.amountCents),
                                .credit(accounts.customers, transfer.amountCents, auxiliary: Self.cse(transfer.cse)),
                            ])
    }

    /// One entry per French day for the tills' payments (less their reversals: now owed to the
    /// retailers) and one for the balances that expired (now the shop's income).
    func cardDays(_ hours: [ReportTable.LedgerHour]) -> [JournalEntry] {
        var spent: [CalendarDate: Int64] = [:], expired: [CalendarDate: Int64] = [:]
        for hour in hours {
            let day = FrenchCalendar.today(Date(timeIntervalSince1970: Double(hour.hour) * 3_600))
            switch hour.kind {
            case .redemption, .reversal: spent[day, default: 0] -= hour.amountCents
            case .expiry: expired[day, default: 0] -= hour.amountCents
            case .issue, .refund: break
            }
        }
        let tills = spent.filter { $0.value != 0 }.map { day, cents in
            JournalEntry(journal: .cards, date: day, pieceReference: "CAISSES-\(FECWriter.day(day))",
                         label: "e-Cartes utilisées en caisse le \(day.french)",
                         lines: [.debit(accounts.cardLiability, cents), .credit(accounts.retailers, cents)])
        }
        let expiries = expired.filter { $0.value != 0 }.map { day, cents in
            JournalEntry(journal: .cards, date: day, pieceReference: "EXPIRATIONS-\(FECWriter.day(day))",
                         label: "Soldes d'e-Cartes expirées le \(day.french)",
                         lines: [.debit(accounts.cardLiability, cents), .credit(accounts.expiredBalances, cents)])
        }
        return tills + expiries
    }

    /// The auxiliary account of a CSE (its dotations).
    static func cse(_ cse: ReportTable.JournalCSE) -> JournalAccounts.Account {
        JournalAccounts.Account(number: "CSE-" + cse.slug.uppercased(), label: "CSE \(cse.name)")
    }

    /// The auxiliary account of a CSE's employees (their orders).
    static func employees(_ cse: ReportTable.JournalCSE) -> JournalAccounts.Account {
        JournalAccounts.Account(number: "SAL-" + cse.slug.uppercased(), label: "Salariés \(cse.name)")
    }
}
