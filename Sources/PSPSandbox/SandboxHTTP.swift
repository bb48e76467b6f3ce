import BoutiqueCore
import BoutiquePayments
import Foundation
import HTTPTypes
import Hummingbird
import NIOFoundationCompat

/// Responses and request parsing shared by the merchant API and the hosted page.
enum SandboxHTTP {
    /// Bodies are small forms or JSON documents.
    static let maximumBody = 64 * 1_024

    static func body(_ request: Request) async -> Data? {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: maximumBody) else { return nil }
        return Data(buffer: buffer)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func problem(_ status: HTTPResponse.Status, title: String, detail: String? = nil,
                        type: String = "about:blank") -> Response {
        let problem = SandboxAPI.Problem(type: type, title: title, status: status.code, detail: detail)
        var response = json(problem, status: status)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok, formTargets: [String] = []) -> Response {
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        applyPageHeaders(to: &response.headers, formTargets: formTargets)
        return response
    }

    /// 303: the browser follows with a GET, so a reload never re-posts the card form.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The hosted page's own policy. Forms post to the page itself, which answers 303 to the
    /// shop: browsers check `form-action` on that redirect too, so the shop's origins are listed.
    static func applyPageHeaders(to headers: inout HTTPFields, formTargets: [String]) {
        let origins = Set(formTargets.compactMap(origin(of:))).sorted().joined(separator: " ")
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'\(origins.isEmpty ? "" : " " + origins); frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    }

    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// `application/x-www-form-urlencoded` into a dictionary; the last value of a repeated name wins.
    static func form(_ data: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeComponent(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decodeComponent(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decodeComponent(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `url` with `token=…` added to its query.
    static func appending(token: String, to url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        var items = components.queryItems ?? []
        items.append(URLQueryItem(name: "token", value: token))
        components.queryItems = items
        return components.string ?? url
    }

    /// Compares secrets without an early exit on the first differing byte.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// The merchant id and secret of an `Authorization: Basic …` header.
    static func basicCredentials(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
