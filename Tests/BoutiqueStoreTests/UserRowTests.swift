import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

/// The session's user is read without Fluent (`User.read`): it must see what Fluent sees.
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
            // act
            let read = try #require(try await User.read(id: try user.requireID(), on: database.sql))
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
            #expect(try await User.read(id: UUID(), on: database.sql) == nil)
        }
    }

    @Test("an operator, with no CSE and no optional field, reads back", arguments: TestEngine.available)
    func operatorWithoutTenant(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.migrate()
            let user = User(tenantID: nil, role: .operator, status: .active, email: "ops@boutique.test", passwordHash: "x",
                            civility: "", firstName: "Opé", lastName: "Rateur")
            try await user.create(on: database.db)
            let read = try #require(try await User.read(id: try user.requireID(), on: database.sql))
            #expect(read.$tenant.id == nil && read.role == .operator && read.verifiedAt == nil && read.totpSecret == nil)
            #expect(read.displayName == "Opé Rateur")
        }
    }
}
