import Foundation

/// Where the shop keeps its data: an embedded SQLite file (the default), a throwaway SQLite
/// database for tests, or a PostgreSQL server for production.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// Reads `BOUTIQUE_DATABASE_URL`: `postgres://…` / `postgresql://…`, `sqlite:///abs/path.sqlite`,
    /// `sqlite://relative.sqlite` or `sqlite::memory:`. Anything else is a configuration error.
    public static func parse(_ text: String) throws(ConfigurationError) -> DatabaseLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let url = URL(string: text), url.host != nil else {
                throw ConfigurationError("BOUTIQUE_DATABASE_URL n'est pas une URL PostgreSQL valide (postgres://utilisateur:motdepasse@hôte:port/base).")
            }
            return .postgres(url: text)
        }
        if text == "sqlite::memory:" { return .sqliteMemory }
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw ConfigurationError("BOUTIQUE_DATABASE_URL sqlite:// doit donner un chemin de fichier.") }
            return .sqliteFile(path: path)
        }
        throw ConfigurationError("BOUTIQUE_DATABASE_URL doit commencer par postgres:// ou sqlite:// (reçu : \(Self.redacted(text))).")
    }

    public var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }

    /// Never print a password: logs and error lines show the URL without its credentials.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite://\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgres://***"
    }
}

/// A configuration problem, reported as one clear line before the program exits.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
