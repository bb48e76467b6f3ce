import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (a form with a file field), split into its parts: names, file
/// names and bytes, what the consoles' CSV and logo uploads read.
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

    /// Nil when the body is not well-formed multipart. The parsing is multipart-kit's
    /// (`MultipartParser`); this type only keeps what the consoles read of each part.
    init?(body: ByteBuffer, boundary: String) {
        var parts: [Part] = []
        var headers = HTTPHeaders()
        var content = ByteBuffer()
        var wellFormed = true
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in content.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers.first(name: "Content-Disposition") ?? ""
            if let name = MultipartPart(headers: headers, body: content).name {
                parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), bytes: Array(content.readableBytesView)))
            } else {
                wellFormed = false
            }
            headers = HTTPHeaders()
            content = ByteBuffer()
        }
        do { try parser.execute(body) } catch { return nil }
        guard wellFormed, !parts.isEmpty else { return nil }
        self.parts = parts
    }

    func field(_ name: String) -> Part? { parts.first { $0.name == name } }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == key { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
