import Foundation
import Hummingbird

/// A URL-encoded form as name → value, for forms whose field names are data (one discount field
/// per product), which a `Decodable` struct cannot describe.
enum FormFields {
    static func decode(from request: Request, context: AppRequestContext) async throws -> [String: String] {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decoded(parts[0]) else { throw HTTPError(.badRequest) }
            fields[name] = parts.count == 2 ? decoded(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// How the back office prints numbers back into its fields: `1500,50`, `2,5`.
enum FieldText {
    static func euros(_ cents: Int?) -> String {
        guard let cents else { return "" }
        return cents % 100 == 0 ? String(cents / 100) : "\(cents / 100),\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }

    static func percent(_ basisPoints: Int?) -> String {
        guard let basisPoints else { return "" }
        let rest = basisPoints % 100
        guard rest != 0 else { return String(basisPoints / 100) }
        let fraction = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : String(rest))
        return "\(basisPoints / 100),\(fraction)"
    }
}
