import Foundation
import Hummingbird

/// A `multipart/form-data` body (a form with a file field), split into its parts. Enough for the
/// consoles' CSV uploads: names, file names and bytes; nested multiparts are not used by browsers.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let bytes: [UInt8]

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    let parts: [Part]

    /// The boundary of a `multipart/form-data; boundary=…` content type, or nil for another type.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// Nil when the body is not well-formed multipart.
    init?(body: ByteBuffer, boundary: String) {
        let bytes = Array(body.readableBytesView)
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var searchFrom = 0
        while let found = Self.find(delimiter, in: bytes, from: searchFrom) {
            positions.append(found)
            searchFrom = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            // Each part: CRLF after the delimiter, headers, a blank line, the content, CRLF before the next delimiter.
            let partStart = start + delimiter.count + 2
            let partEnd = end - 2
            guard partStart <= partEnd, let part = Self.part(Array(bytes[partStart..<partEnd])) else { return nil }
            parts.append(part)
        }
        self.parts = parts
    }

    func field(_ name: String) -> Part? { parts.first { $0.name == name } }

    private static func part(_ bytes: [UInt8]) -> Part? {
        guard let blank = find(Array("\r\n\r\n".utf8), in: bytes, from: 0) else { return nil }
        let headers = String(decoding: bytes[..<blank], as: UTF8.self)
        var name: String?, filename: String?
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            name = parameter("name", in: line)
            filename = parameter("filename", in: line)
        }
        guard let name else { return nil }
        return Part(name: name, filename: filename, bytes: Array(bytes[(blank + 4)...]))
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == key { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
