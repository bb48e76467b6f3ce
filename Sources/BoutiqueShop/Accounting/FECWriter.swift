import BoutiqueCore
import Foundation

/// Writes entries in the layout of the « fichier des écritures comptables » (article A47 A-1 of
/// the Livre des procédures fiscales): the 18 fields in their order, named on the first line,
/// separated by tabs, dates `AAAAMMJJ`, amounts with a decimal comma and no thousands separator,
/// entries numbered in one continuous sequence, encoded ISO 8859-15 (one of the article's three).
public struct FECWriter: Sendable {
    public static let fields = ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
                                "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
                                "ValidDate", "Montantdevise", "Idevise"]

    /// The file's name: the SIREN, « FEC » and the closing day of the period.
    public static func fileName(siren: String, closing: CalendarDate) -> String {
        let digits = siren.filter(\.isASCIIDigit)
        return "\(digits)FEC\(day(closing)).txt"
    }

    /// Entries in chronological order (then by journal and document), numbered from 1.
    public static func text(_ entries: [JournalEntry]) -> String {
        var lines = [fields.joined(separator: "\t")]
        for (index, entry) in ordered(entries).enumerated() {
            for line in entry.lines {
                lines.append([
                    entry.journal.rawValue, entry.journal.label, String(index + 1), day(entry.date),
                    line.account.number, clean(line.account.label), line.auxiliary?.number ?? "", clean(line.auxiliary?.label ?? ""),
                    clean(entry.pieceReference), day(entry.pieceDate), clean(entry.label),
                    amount(line.debitCents), amount(line.creditCents), "", "",
                    // The shop's entries are final when they are written: the event is done.
                    day(entry.date), "", "",
                ].joined(separator: "\t"))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The file's bytes.
    public static func bytes(_ entries: [JournalEntry]) -> [UInt8] { latin9(text(entries)) }

    public static func ordered(_ entries: [JournalEntry]) -> [JournalEntry] {
        entries.sorted { ($0.date, $0.journal.rawValue, $0.pieceReference) < ($1.date, $1.journal.rawValue, $1.pieceReference) }
    }

    static func day(_ date: CalendarDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }

    /// `123456` → `1234,56`.
    static func amount(_ cents: Int64) -> String {
        let units = cents / 100, rest = cents % 100
        return "\(units)," + (rest < 10 ? "0" : "") + String(rest)
    }

    /// A field never holds the separator nor a line break.
    static func clean(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// ISO 8859-15: Latin-1 but for eight code points (€, Š, š, Ž, ž, Œ, œ, Ÿ); anything else is `?`.
    static func latin9(_ text: String) -> [UInt8] {
        let euro: [Unicode.Scalar: UInt8] = ["€": 0xA4, "Š": 0xA6, "š": 0xA8, "Ž": 0xB4, "ž": 0xB8, "Œ": 0xBC, "œ": 0xBD, "Ÿ": 0xBE]
        let replaced: Set<UInt32> = [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE]
        return text.unicodeScalars.map { scalar in
            if let byte = euro[scalar] { return byte }
            if scalar.value < 0x100, !replaced.contains(scalar.value) { return UInt8(scalar.value) }
            // Typographic apostrophes and spaces have Latin-1 look-alikes.
            switch scalar.value {
            case 0x2019, 0x2018: return 0x27
            case 0x202F, 0x2009: return 0x20
            case 0x2013, 0x2014: return 0x2D
            default: return 0x3F
            }
        }
    }
}
