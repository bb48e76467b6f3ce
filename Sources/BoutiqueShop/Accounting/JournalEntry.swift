import BoutiqueCore
import Foundation

/// One accounting entry (« écriture »): the lines of one event, debits equal to credits.
public struct JournalEntry: Sendable, Equatable {
    /// The journals the shop writes, with the codes of the FEC's first column.
    public enum Journal: String, Sendable, CaseIterable {
        /// Invoices and credit notes.
        case sales = "VT"
        /// Charges and refunds through the payment provider.
        case cardPayments = "CB"
        /// Transfers received from CSEs.
        case bank = "BQ"
        /// The cards' life after their sale: spent at tills, expired.
        case cards = "OD"

        public var label: String {
            switch self {
            case .sales: "Ventes"
            case .cardPayments: "Encaissements par carte bancaire"
            case .bank: "Banque"
            case .cards: "Opérations diverses e-Cartes"
            }
        }
    }

    public struct Line: Sendable, Equatable {
        public let account: JournalAccounts.Account
        /// The auxiliary account (one CSE, or one CSE's employees), for customer lines.
        public let auxiliary: JournalAccounts.Account?
        public let debitCents: Int64
        public let creditCents: Int64

        public static func debit(_ account: JournalAccounts.Account, _ cents: Int64, auxiliary: JournalAccounts.Account? = nil) -> Line {
            Line(account: account, auxiliary: auxiliary, debitCents: cents, creditCents: 0)
        }

        public static func credit(_ account: JournalAccounts.Account, _ cents: Int64, auxiliary: JournalAccounts.Account? = nil) -> Line {
            Line(account: account, auxiliary: auxiliary, debitCents: 0, creditCents: cents)
        }
    }

    public let journal: Journal
    public let date: CalendarDate
    /// The document it comes from (an invoice's or credit note's number, a provider's reference,
    /// a bank statement's) and that document's date.
    public let pieceReference: String
    public let pieceDate: CalendarDate
    public let label: String
    public let lines: [Line]

    public init(journal: Journal, date: CalendarDate, pieceReference: String, pieceDate: CalendarDate? = nil, label: String, lines: [Line]) {
        self.journal = journal
        self.date = date
        self.pieceReference = pieceReference
        self.pieceDate = pieceDate ?? date
        self.label = label
        // A zero line says nothing and accountants' imports refuse it.
        self.lines = lines.filter { $0.debitCents != 0 || $0.creditCents != 0 }.map(Self.positive)
    }

    public var debitCents: Int64 { lines.reduce(0) { $0 + $1.debitCents } }
    public var creditCents: Int64 { lines.reduce(0) { $0 + $1.creditCents } }
    public var isBalanced: Bool { debitCents == creditCents && !lines.isEmpty }

    /// A negative amount goes to the other side: the FEC has no negative amounts.
    private static func positive(_ line: Line) -> Line {
        let net = line.debitCents - line.creditCents
        return Line(account: line.account, auxiliary: line.auxiliary, debitCents: max(net, 0), creditCents: max(-net, 0))
    }
}
