import Foundation
import Hummingbird

/// A query string decoded the way a browser's GET form encodes it
/// (`application/x-www-form-urlencoded`): `+` is a space, then `%XX` escapes.
///
/// Hummingbird's `uri.queryParameters` percent-decodes but keeps `+`, so a city typed
/// « Le Mans » arrived as « Le+Mans » and found nothing. Every handler reads its query values
/// through `request.formQuery` instead, so every GET search decodes them the same way. The raw
/// query is decoded here (not Hummingbird's values again), so a `%2B` stays a `+`.
struct FormQuery: Sendable {
    private let pairs: [(name: String, value: String)]

    init(_ query: String?) {
        pairs = (query ?? "").split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The first value of `name`, nil when the query does not have it.
    func get(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// `+` first, then the escapes; a malformed escape (`%zz`) keeps the text as typed rather
    /// than losing the whole value.
    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension Request {
    /// The query's values as a form sent them; see `FormQuery`.
    var formQuery: FormQuery { FormQuery(uri.query) }
}
