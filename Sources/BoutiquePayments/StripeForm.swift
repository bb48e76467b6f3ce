import Foundation

/// Stripe's request bodies: `application/x-www-form-urlencoded` with bracketed keys
/// (`line_items[0][price_data][unit_amount]=4750`), in the order given.
struct StripeForm: Sendable {
    private(set) var fields: [(String, String)] = []

    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        fields.append((name, value))
    }

    var encoded: Data {
        Data(fields.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&").utf8)
    }

    /// Everything but the unreserved characters is escaped, brackets included.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
