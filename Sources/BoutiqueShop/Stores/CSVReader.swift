import BoutiqueCore
/// RFC 4180 CSV: comma or semicolon separated (French spreadsheets export with `;`), fields
/// optionally quoted, `""` inside quotes, CRLF or LF line ends. Each record keeps the line number
/// where it starts, for error reports.
public enum CSVReader {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public enum Failure: Error, Equatable {
        case unterminatedQuote(line: Int)
    }

    public static func records(_ text: String, separator: Character? = nil) throws(Failure) -> [Record] {
        let separator = separator ?? guessSeparator(text)
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, inQuotes = false
        var line = 1, recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let value = pending { pending = nil; return value }
            return characters.next()
        }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !quoted) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            quoted = false
        }
        while let character = next() {
            if inQuotes {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { inQuotes = false; pending = following }
                    } else { inQuotes = false }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoted = true
            case separator:
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || quoted { endRecord() }
        return records
    }

    static func guessSeparator(_ text: String) -> Character {
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" }
        return header.filter { $0 == ";" }.count > header.filter { $0 == "," }.count ? ";" : ","
    }
}
