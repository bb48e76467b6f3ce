import BoutiqueCore
import BoutiqueTestSupport
import Foundation

/// A browser made of curl: a cookie jar, no automatic redirects, the shop's CSRF token.
final class Curl: Sendable {
    struct Reply {
        let status: Int
        let location: String?
        let body: String
    }

    let base: String
    let jar: String

    init(base: String, folder: String) {
        self.base = base
        jar = folder + "/cookies-\(UUID().uuidString).txt"
    }

    var csrf: String? {
        guard let text = try? String(contentsOfFile: jar, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.contains("boutique_csrf") }?.split(separator: "\t").last.map(String.init)
    }

    func get(_ path: String) async throws -> Reply { try await run(path, form: nil) }

    /// Posts a form; adds the shop's `_csrf` unless the path is outside the shop.
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> Reply {
        var fields = fields
        if csrf, let token = self.csrf { fields["_csrf"] = token }
        return try await run(path, form: fields)
    }

    private func run(_ path: String, form: [String: String]?) async throws -> Reply {
        let url = path.hasPrefix("http") ? path : base + path
        let marker = "\n--curl-meta--"
        var arguments = ["curl", "-s", "-m", "20", "-b", jar, "-c", jar, "-w", "\(marker)%{http_code} %{redirect_url}", url]
        for (key, value) in form ?? [:] { arguments += ["--data-urlencode", "\(key)=\(value)"] }
        let text = try await Self.output(of: arguments)
        guard let range = text.range(of: marker, options: .backwards) else { return Reply(status: 0, location: nil, body: text) }
        let meta = text[range.upperBound...].split(separator: " ", maxSplits: 1)
        let location = meta.count > 1 ? String(meta[1]).trimmingCharacters(in: .whitespacesAndNewlines) : nil
        return Reply(status: Int(meta.first ?? "") ?? 0, location: location?.isEmpty == true ? nil : location,
                     body: String(text[..<range.lowerBound]))
    }

    /// A JSON POST with a bearer key, as a till sends it.
    static func json(_ url: String, key: String, idempotencyKey: String, body: String) async throws -> Reply {
        let text = try await output(of: ["curl", "-s", "-m", "20", "-H", "Authorization: Bearer \(key)", "-H", "Content-Type: application/json",
                                         "-H", "Idempotency-Key: \(idempotencyKey)", "-d", body, "-w", "\n--curl-meta--%{http_code}", url])
        let parts = text.components(separatedBy: "\n--curl-meta--")
        return Reply(status: Int(parts.last ?? "") ?? 0, location: nil, body: parts.first ?? "")
    }

    /// Runs a command to its end, off the cooperative pool (curl waits on the server), and returns its standard output.
    static func output(of arguments: [String]) async throws -> String {
        try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The `value` of the first `<input name="…">` in `html`.
    static func field(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }
}
