import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

/// The session's user is read without Fluent, joined to its session (`SessionStore.user(idHash:)`):
/// it must see what Fluent sees.
@Suite("User read by the session")
struct UserRowTests {
    @Test("every column of a user reads back as Fluent reads it", arguments: TestEngine.available)
    func sameAsFluent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: a user with every optional field set
            try await database.migrate()
            let tenant = Tenant(slug: "alpha", name: "CSE Alpha", contactEmail: "cse@alpha.test")
            try await tenant.create(on: database.db)
            let user = User(tenantID: tenant.id, role: .manager, status: .active, email: "marie@alpha.test",
                            passwordHash: "$2b$04$hash", civility: "Mme", firstName: "Marie", lastName: "Dupont", phone: "0601020304")
            user.rejectionReason = "Motif"
            user.pendingEmail = "nouvelle@alpha.test"
            user.identificationKeyID = UUID()
            user.verifiedAt = Date(timeIntervalSince1970: 1_780_000_000)
            user.approvedAt = Date(timeIntervalSince1970: 1_780_000_500)
            user.totpSecret = "SECRET"
            user.totpEnabledAt = Date(timeIntervalSince1970: 1_780_001_000)
            try await user.create(on: database.db)
            let sessions = SessionStore(database: database)
            try await sessions.create(idHash: "session-marie", userID: try user.requireID(), role: .employee)
            // act
            let read = try #require(try await sessions.user(idHash: "session-marie"))
            let fluent = try #require(try await User.find(user.id, on: database.db))
            // check
            #expect(Set(User.keys.map(\.description)) == Set(User.columns), "User.columns lists every field of the model")
            #expect(read.id == fluent.id && read.$tenant.id == fluent.$tenant.id && read.$id.exists)
            #expect(read.role == fluent.role && read.status == fluent.status && read.email == fluent.email)
            #expect(read.passwordHash == fluent.passwordHash && read.displayName == "Mme Marie Dupont" && read.phone == fluent.phone)
            #expect(read.rejectionReason == fluent.rejectionReason && read.pendingEmail == fluent.pendingEmail)
            #expect(read.identificationKeyID == fluent.identificationKeyID && read.totpSecret == fluent.totpSecret)
            #expect(read.verifiedAt == fluent.verifiedAt && read.approvedAt == fluent.approvedAt)
            #expect(read.totpEnabledAt == fluent.totpEnabledAt)
            #expect(read.createdAt == fluent.createdAt && read.updatedAt == fluent.updatedAt)
            #expect(try await sessions.user(idHash: "unknown") == nil)
        }
    }

    @Test("an operator, with no CSE and no optional field, reads back", arguments: TestEngine.available)
    func operatorWithoutTenant(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.migrate()
            let user = try await Self.operatorAccount("ops@boutique.test", "Opé", "Rateur", on: database)
            let sessions = SessionStore(database: database)
            try await sessions.create(idHash: "session-ops", userID: try user.requireID(), role: .operator)
            let read = try #require(try await sessions.user(idHash: "session-ops"))
            #expect(read.$tenant.id == nil && read.role == .operator && read.verifiedAt == nil && read.totpSecret == nil)
            #expect(read.displayName == "Opé Rateur")
        }
    }

    @Test("a session idle too long, past its end, or of a deleted user gives no user, and the stale ones are removed",
          arguments: TestEngine.available)
    func staleSessions(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: four sessions created at noon with a 2 h idle limit and a 12 h life
            try await database.migrate()
            let user = try await Self.operatorAccount("ops@boutique.test", "Opé", "Rateur", on: database)
            let leaver = try await Self.operatorAccount("leaver@boutique.test", "Ex", "Opérateur", on: database)
            let noon = Date(timeIntervalSince1970: 1_796_126_400)
            let clock = TestClock(noon)
            let limits = SessionLimits(staffIdle: .seconds(2 * 3_600), staffAbsolute: .seconds(12 * 3_600))
            let sessions = SessionStore(database: database, limits: limits, now: clock.function)
            for name in ["active", "idle"] { try await sessions.create(idHash: name, userID: try user.requireID(), role: .operator) }
            try await sessions.create(idHash: "gone", userID: try leaver.requireID(), role: .operator)
            try await sessions.create(idHash: "orphan", userID: UUID(), role: .employee)
            // act + check: used every 90 min, a session lives on; left alone 2 h, it ends
            clock.advance(by: 90 * 60)
            #expect(try await sessions.user(idHash: "active")?.id == user.id)
            #expect(try await sessions.user(idHash: "gone")?.id == leaver.id)
            clock.advance(by: 90 * 60)
            #expect(try await sessions.user(idHash: "active")?.id == user.id)
            #expect(try await sessions.user(idHash: "idle") == nil)
            #expect(try await sessions.user(idHash: "orphan") == nil)
            try await leaver.delete(on: database.db)
            #expect(try await sessions.user(idHash: "gone") == nil)
            let left = try await database.sql.raw("SELECT id_hash FROM sessions ORDER BY id_hash").all()
                .map { try $0.decode(column: "id_hash", as: String.self) }
            #expect(left == ["active", "gone", "orphan"], "the idle session is deleted; the others wait for their own end")
            // 12 h after login the session ends however often it was used
            for _ in 0..<5 {
                clock.advance(by: 90 * 60)
                #expect(try await sessions.user(idHash: "active")?.id == user.id)
            }
            clock.advance(by: 90 * 60)
            #expect(try await sessions.user(idHash: "active") == nil, "12 h after login")
        }
    }

    @Test("staff sessions end sooner: an operator's after 30 min unused or 8 h after login, an employee's after 2 h or 12 h",
          arguments: TestEngine.available)
    func staffLimits(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let staff = try await Self.operatorAccount("ops@boutique.test", "Opé", "Rateur", on: database)
            let employee = User(tenantID: nil, role: .employee, status: .active, email: "e@boutique.test", passwordHash: "x",
                                civility: "", firstName: "Em", lastName: "Ployée")
            try await employee.create(on: database.db)
            let clock = TestClock()
            let sessions = SessionStore(database: database, now: clock.function)
            for name in ["staff-idle", "staff-busy"] { try await sessions.create(idHash: name, userID: try staff.requireID(), role: .operator) }
            try await sessions.create(idHash: "employee", userID: try employee.requireID(), role: .employee)
            // act + check: 45 min without a request
            clock.advance(by: 25 * 60)
            #expect(try await sessions.user(idHash: "staff-busy") != nil)
            clock.advance(by: 20 * 60)
            #expect(try await sessions.user(idHash: "staff-idle") == nil)
            #expect(try await sessions.user(idHash: "staff-busy") != nil)
            #expect(try await sessions.user(idHash: "employee") != nil)
            // used every 25 min, the staff session still ends 8 h after login; the employee's goes on
            var elapsed = 45 * 60
            while elapsed + 25 * 60 < 8 * 3_600 {
                clock.advance(by: 25 * 60)
                elapsed += 25 * 60
                #expect(try await sessions.user(idHash: "staff-busy") != nil)
                #expect(try await sessions.user(idHash: "employee") != nil)
            }
            clock.advance(by: TimeInterval(8 * 3_600 - elapsed + 60))
            #expect(try await sessions.user(idHash: "staff-busy") == nil)
            #expect(try await sessions.user(idHash: "employee") != nil)
        }
    }

    /// An active operator: no CSE, no optional field.
    static func operatorAccount(_ email: String, _ firstName: String, _ lastName: String, on database: BoutiqueDatabase) async throws -> User {
        let user = User(tenantID: nil, role: .operator, status: .active, email: email, passwordHash: "x",
                        civility: "", firstName: firstName, lastName: lastName)
        try await user.create(on: database.db)
        return user
    }
}
