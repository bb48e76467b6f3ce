/// CSV as French spreadsheets open it: `;` between fields, CRLF line ends, a UTF-8 BOM so Excel
/// reads the accents, quotes where needed. A cell that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) is prefixed with `'` — CSV injection.
public struct CSVWriter: Sendable {
    private(set) public var text = "\u{FEFF}"

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.cell).joined(separator: ";") + "\r\n"
    }

    static func cell(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            // A negative amount stays a number for the spreadsheet.
            if !(first == "-" && value.dropFirst().allSatisfy({ $0.isNumber || $0 == "," || $0 == "." })) { value = "'" + value }
        }
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
