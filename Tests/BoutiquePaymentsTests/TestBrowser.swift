import BoutiqueCore
import AsyncHTTPClient
import Foundation
import NIOCore

/// A small browser for the hosted page: GETs pages, posts their forms with the hidden fields it
/// read, and does not follow redirects (tests check each 303 and its Location).
struct TestBrowser: Sendable {
    struct Page: Sendable {
        let status: Int
        let location: String?
        let contentType: String?
        let headers: [(String, String)]
        let html: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The forms of the page, by action.
        var forms: [HTMLForm] { HTMLForm.parse(html) }

        func form(actionSuffix: String) -> HTMLForm? {
            forms.first { $0.action.hasSuffix(actionSuffix) }
        }
    }

    let client: HTTPClient
    /// `http://127.0.0.1:PORT`, for the pages' absolute paths.
    let origin: String

    func get(_ url: String) async throws -> Page {
        try await send(HTTPClientRequest(url: absolute(url)))
    }

    func submit(_ form: HTMLForm, _ fields: [String: String] = [:]) async throws -> Page {
        try await post(form.action, form.hidden.merging(fields) { $1 })
    }

    func post(_ url: String, _ fields: [String: String]) async throws -> Page {
        var request = HTTPClientRequest(url: absolute(url))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let allowed = CharacterSet.alphanumerics
        let body = fields.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request)
    }

    private func send(_ request: HTTPClientRequest) async throws -> Page {
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Page(status: Int(response.status.code), location: response.headers.first(name: "Location"),
                    contentType: response.headers.first(name: "Content-Type"),
                    headers: response.headers.map { ($0.name, $0.value) }, html: String(buffer: body))
    }

    private func absolute(_ url: String) -> String {
        url.hasPrefix("/") ? origin + url : url
    }

    static func makeClient() -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    }
}

/// A form of a page: where it posts and its hidden fields.
struct HTMLForm: Sendable {
    let action: String
    let hidden: [String: String]

    static func parse(_ html: String) -> [HTMLForm] {
        html.components(separatedBy: "<form ").dropFirst().compactMap { chunk in
            let body = chunk.components(separatedBy: "</form>").first ?? chunk
            guard let action = attribute("action", in: body) else { return nil }
            var hidden: [String: String] = [:]
            for input in body.components(separatedBy: "<input ").dropFirst() {
                let tag = input.components(separatedBy: ">").first ?? input
                guard attribute("type", in: tag) == "hidden", let name = attribute("name", in: tag) else { continue }
                hidden[name] = attribute("value", in: tag) ?? ""
            }
            return HTMLForm(action: unescape(action), hidden: hidden)
        }
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") ?? tag.range(of: "\(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return unescape(String(rest[..<end]))
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
