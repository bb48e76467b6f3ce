import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization
import Testing

/// `BOUTIQUE_DATABASE_REPLICA_URL`: the consoles' exports and dashboards read a standby while it
/// is fresh, and the primary when it lags or does not answer. The "replica" here is a second
/// database holding the same demo data with one difference (Marie's last name), so that each
/// export shows which database it was read from.
@Suite("Reports on a read replica")
struct ReadReplicaTests {
    static let postgres = TestEngine.available.filter { $0 == .postgres }

    @Test("a manager's export and dashboard read the replica; the download's audit entry goes to the primary", arguments: postgres)
    func readsReplica(engine: TestEngine) async throws {
        try await withReplicaData(engine) { replicaDatabase in
            let replica = ReadReplica(database: replicaDatabase, maxLag: .seconds(30), logger: Self.quiet)
            try await withShop(engine, replica: replica) { client, database in
                try await Self.mirrorAlpha(of: database, into: replicaDatabase)
                let manager = TestBrowser(client)
                _ = try await manager.logIn("gestion.alpha@demo.test")
                // act
                let employees = try await manager.get("/gestion/exports/salaries.csv")
                let dashboard = try await manager.get("/gestion")
                // check: the real lag query found the "standby" fresh (a server not in recovery lags by nothing)
                #expect(employees.status == .ok && employees.text.contains("Réplique;Marie"))
                #expect(!employees.text.contains("Dupont;Marie"))
                #expect(dashboard.status == .ok)
                #expect(try await Self.exportEntries(database) == 1)
                #expect(try await Self.exportEntries(replicaDatabase) == 0)
            }
        }
    }

    @Test("beyond the allowed lag reports read the primary, and the replica again once it has caught up", arguments: TestEngine.available)
    func lagging(engine: TestEngine) async throws {
        try await withReplicaData(engine) { replicaDatabase in
            let lag = Mutex(Duration.seconds(120))
            let lines = CapturingLogHandler.Lines()
            let logger = Logger(label: "boutique.capture") { _ in CapturingLogHandler(lines: lines) }
            let replica = ReadReplica(database: replicaDatabase, maxLag: .seconds(30), checkInterval: .zero, logger: logger,
                                      probe: { _ in lag.withLock { $0 } })
            try await withShop(engine, replica: replica) { client, database in
                try await Self.mirrorAlpha(of: database, into: replicaDatabase)
                let manager = TestBrowser(client)
                _ = try await manager.logIn("gestion.alpha@demo.test")
                // act: two minutes behind, then caught up
                let behind = try await manager.get("/gestion/exports/salaries.csv")
                lag.withLock { $0 = .seconds(2) }
                let caughtUp = try await manager.get("/gestion/exports/salaries.csv")
                // check
                #expect(behind.text.contains("Dupont;Marie") && !behind.text.contains("Réplique"))
                #expect(caughtUp.text.contains("Réplique;Marie"))
                #expect(lines.all.filter { $0.contains("réplique en retard de 120 s (limite 30 s)") }.count == 1)
                #expect(lines.all.contains { $0.contains("lisent de nouveau la réplique") })
            }
        }
    }

    @Test("a replica that does not answer: reports read the primary, no error page", arguments: postgres)
    func unreachable(engine: TestEngine) async throws {
        let replica = ReadReplica(database: try BoutiqueDatabase.openReplica(url: "postgres://postgres@127.0.0.1:1/absente", logger: Self.quiet),
                                  maxLag: .seconds(30), logger: Self.quiet)
        try await withShop(engine, replica: replica) { client, _ in
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let employees = try await manager.get("/gestion/exports/salaries.csv")
            #expect(employees.status == .ok && employees.text.contains("Dupont;Marie"))
        }
        await replica.database.close()
    }

    /// A second database with the demo data, Marie renamed « Réplique ».
    func withReplicaData(_ engine: TestEngine, _ body: @escaping @Sendable (BoutiqueDatabase) async throws -> Void) async throws {
        try await engine.withDatabase { replicaDatabase in
            try await DemoData.seedIfEmpty(replicaDatabase, hasher: PasswordHasher(cost: 4))
            try await replicaDatabase.sql.raw("UPDATE users SET last_name = 'Réplique' WHERE email = 'marie.dupont@demo.test'").run()
            try await body(replicaDatabase)
        }
    }

    /// A real standby has the primary's ids; the second database was seeded on its own, so its CSE
    /// Alpha and its employees take the primary's Alpha id (foreign keys off for the change).
    static func mirrorAlpha(of primary: BoutiqueDatabase, into replica: BoutiqueDatabase) async throws {
        func alphaID(_ database: BoutiqueDatabase) async throws -> UUID {
            try #require(try await database.sql.raw("SELECT id FROM tenants WHERE slug = 'alpha'").first()).decode(column: "id", as: UUID.self)
        }
        let id = try await alphaID(primary), old = try await alphaID(replica)
        let updates: [SQLQueryString] = ["UPDATE tenants SET id = \(bind: id) WHERE id = \(bind: old)",
                                         "UPDATE users SET tenant_id = \(bind: id) WHERE tenant_id = \(bind: old)"]
        if case .postgres = replica.location {
            try await replica.db.transaction { db in
                let sql = try db.requireSQL()
                try await sql.raw("SET LOCAL session_replication_role = replica").run()
                for update in updates { try await sql.raw(update).run() }
            }
        } else {
            try await replica.sql.raw("PRAGMA foreign_keys = OFF").run()
            for update in updates { try await replica.sql.raw(update).run() }
            try await replica.sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    static func exportEntries(_ database: BoutiqueDatabase) async throws -> Int {
        try await database.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = \(bind: AuditAction.csvExported.rawValue)")
            .first()?.decode(column: "n", as: Int.self) ?? -1
    }

    static let quiet: Logger = {
        var logger = Logger(label: "boutique.test")
        logger.logLevel = .critical
        return logger
    }()
}
