import BoutiqueCore
import Foundation

/// CSV for French spreadsheets: `;` between cells (the comma is the decimal separator), CRLF
/// line ends, and a UTF-8 byte order mark, without which Excel reads the accents as Latin-1.
public struct CSVWriter: Sendable {
    /// A cell: text typed by users is defused, amounts are written as `152,00`.
    public enum Cell: Sendable {
        case text(String)
        case amount(cents: Int)
        case number(Int)
    }

    public private(set) var text = "\u{FEFF}"

    public init() {}

    public mutating func row(_ cells: [Cell]) {
        text += cells.map(Self.render).joined(separator: ";") + "\r\n"
    }

    static func render(_ cell: Cell) -> String {
        switch cell {
        case .text(let value): quoted(defused(value))
        case .amount(let cents): Money(cents: cents).decimal.replacingOccurrences(of: ".", with: ",")
        case .number(let value): String(value)
        }
    }

    /// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage
    /// return before one) gets a leading quote, so that a name like `=HYPERLINK(…)` stays text.
    static func defused(_ value: String) -> String {
        guard let first = value.first, "=+-@\t\r".contains(first) else { return value }
        return "'" + value
    }

    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
