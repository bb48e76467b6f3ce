import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging
import NIOCore
import SQLKit

/// The database engines a suite runs on: SQLite always, PostgreSQL when
/// `BOUTIQUE_TEST_POSTGRES_URL` names a server (CI sets it). On CI a missing URL still lists
/// PostgreSQL, so that its tests fail loudly instead of being skipped.
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public static var available: [TestEngine] {
        let environment = ProcessInfo.processInfo.environment
        let onCI = environment["CI"].map { $0 == "true" || $0 == "1" } ?? false
        return postgresAdminURL != nil || onCI ? [.sqlite, .postgres] : [.sqlite]
    }

    static var postgresAdminURL: String? {
        guard let url = ProcessInfo.processInfo.environment["BOUTIQUE_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    public var description: String { rawValue }

    /// How many test databases may be open at once (see `DatabaseSlots`).
    static let slots = DatabaseSlots(48)

    /// Runs `body` against a fresh, migrated database of this engine, then removes it.
    ///
    /// PostgreSQL gets a new database per test (`CREATE DATABASE`), so tests never see each
    /// other's rows and can run in parallel; at most `slots` of them run at once.
    @discardableResult
    public func withDatabase<T: Sendable>(
        migrated: Bool = true,
        _ body: @Sendable (BoutiqueDatabase) async throws -> T
    ) async throws -> T {
        await Self.slots.acquire()
        do {
            let result = try await withFreshDatabase(migrated: migrated, body)
            await Self.slots.release()
            return result
        } catch {
            await Self.slots.release()
            throw error
        }
    }

    private func withFreshDatabase<T: Sendable>(
        migrated: Bool,
        _ body: @Sendable (BoutiqueDatabase) async throws -> T
    ) async throws -> T {
        let (location, cleanup) = try await makeLocation()
        // The whole suite runs at once on two cores: a test's queue of transactions on SQLite's one
        // connection can wait far longer than a server's request would.
        let database = try await BoutiqueDatabase.open(location, logger: Self.logger, poolTimeout: .minutes(3))
        do {
            if migrated { try await database.migrate() }
            let result = try await body(database)
            await database.close()
            try await cleanup()
            return result
        } catch {
            await database.close()
            try? await cleanup()
            throw error
        }
    }

    private func makeLocation() async throws -> (DatabaseLocation, @Sendable () async throws -> Void) {
        switch self {
        case .sqlite:
            return (.sqliteMemory, {})
        case .postgres:
            guard let adminURL = Self.postgresAdminURL else {
                throw ConfigurationError("BOUTIQUE_TEST_POSTGRES_URL n'est pas défini : la suite PostgreSQL ne peut pas tourner.")
            }
            let name = "boutique_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try await Self.admin(adminURL) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            let url = Self.replacingDatabase(in: adminURL, with: name)
            return (.postgres(url: url), {
                try await Self.admin(adminURL) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            })
        }
    }

    private static func admin(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let database = try await BoutiqueDatabase.open(.postgres(url: url), logger: logger)
        do {
            try await body(database.sql)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }

    static let logger: Logger = {
        var logger = Logger(label: "boutique.tests")
        logger.logLevel = .warning
        return logger
    }()
}
