import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging
import Testing

@Suite("Database configuration")
struct DatabaseLocationTests {
    @Test("database URLs are recognised and passwords are never printed")
    func parsing() throws {
        #expect(try DatabaseLocation.parse("sqlite::memory:") == .sqliteMemory)
        #expect(try DatabaseLocation.parse("sqlite:///var/lib/boutique/db.sqlite") == .sqliteFile(path: "/var/lib/boutique/db.sqlite"))
        let postgres = try DatabaseLocation.parse("postgres://shop:s3cret@db.internal:5432/boutique")
        #expect(!postgres.isSQLite)
        #expect(!"\(postgres)".contains("s3cret"))
        #expect("\(postgres)".contains("db.internal"))
        #expect(throws: ConfigurationError.self) { try DatabaseLocation.parse("mysql://x") }
        #expect(throws: ConfigurationError.self) { try DatabaseLocation.parse("sqlite://") }
    }

    @Test("an unreachable PostgreSQL server is one clear error")
    func unreachablePostgres() async throws {
        // act
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await BoutiqueDatabase.open(.postgres(url: "postgres://nobody:pw@127.0.0.1:1/none"), logger: Logger(label: "test"))
        }
        // check
        #expect(error?.message.contains("injoignable") == true)
        #expect(error?.message.contains("pw@") == false)
    }

    @Test("a data folder that cannot be created is one clear error")
    func unwritableFolder() async throws {
        let error = await #expect(throws: ConfigurationError.self) {
            _ = try await BoutiqueDatabase.open(.sqliteFile(path: "/proc/boutique/boutique.sqlite"), logger: Logger(label: "test"))
        }
        #expect(error?.message.contains("/proc/boutique") == true)
    }

    @Test("a file database uses WAL so commits do not wait on fsync")
    func walMode() async throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boutique-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await BoutiqueDatabase.open(.sqliteFile(path: folder.appendingPathComponent("shop.sqlite").path),
                                                       logger: Logger(label: "test"))
        // act
        let rows = try await database.sql.raw("PRAGMA journal_mode").all()
        let mode = try rows.first?.decode(column: "journal_mode", as: String.self)
        await database.close()
        // check
        #expect(mode == "wal")
    }

    @Test("a new SQLite database, its WAL and its shared memory are the owner's only (0600), in a 0700 folder; a 0644 file is tightened")
    func filePermissions() async throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boutique-\(UUID().uuidString)/data")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let path = folder.appendingPathComponent("shop.sqlite").path
        func mode(_ path: String) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) }
        // act
        let database = try await BoutiqueDatabase.open(.sqliteFile(path: path), logger: Logger(label: "test"))
        try await database.migrate()
        let modes = try [path, path + "-wal", path + "-shm", folder.path].map(mode)
        await database.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let reopened = try await BoutiqueDatabase.open(.sqliteFile(path: path), logger: Logger(label: "test"))
        await reopened.close()
        // check
        #expect(modes == [0o600, 0o600, 0o600, 0o700], "\(modes.map { String($0, radix: 8) })")
        #expect(try mode(path) == 0o600)
    }
}
