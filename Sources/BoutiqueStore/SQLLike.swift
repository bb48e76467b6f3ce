/// LIKE patterns built from what a person typed: `%`, `_` and `\` are searched for as themselves
/// (statements say `ESCAPE '\'`), never as wildcards — `%` alone would otherwise list everyone.
enum SQLLike {
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Matches a value containing `text`, compared in lower case (`LOWER(column) LIKE …`: LIKE is
    /// case-sensitive on PostgreSQL, not on SQLite).
    static func containing(_ text: String) -> String {
        "%" + escaped(text.lowercased()) + "%"
    }
}
