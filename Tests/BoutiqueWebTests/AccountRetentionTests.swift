import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("Privacy: accounts' retention")
struct AccountRetentionTests {
    static func user(_ email: String, _ status: UserStatus, _ database: BoutiqueDatabase) async throws -> UUID {
        let alpha = try #require(try await BoutiqueShopTestData.tenant("alpha", database))
        let user = User(tenantID: alpha.id, role: .employee, status: status, email: email, passwordHash: "x", civility: "M.",
                        firstName: "Anatole", lastName: "Retentionnaire", phone: "0699887766")
        if status == .rejected { user.rejectionReason = "Anatole Retentionnaire ne fait pas partie du personnel" }
        try await user.create(on: database.db)
        return try user.requireID()
    }

    @Test("an account never verified is deleted after 30 days, with its link and its kept e-mail; a verified one stays; both audited",
          arguments: TestEngine.available)
    func unverifiedDeleted(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: a registration through the form (its link and e-mail), and a pending account of the same day
            let registered = try await TestBrowser(client).post("/compte/creer", [
                "civility": "M.", "firstName": "Anatole", "lastName": "Retentionnaire", "email": "anatole@exemple.test",
                "phone": "0699887766", "password": "une phrase de passe solide", "passwordConfirmation": "une phrase de passe solide",
                "tenant": try #require(try await BoutiqueShopTestData.tenant("alpha", database)?.requireID()).uuidString,
                "identificationKey": "0", "acceptsTerms": "on",
            ])
            try await TestMail(database: database).deliver()
            let pending = try await Self.user("pending@exemple.test", .pending, database)
            let id = try #require(try await User.query(on: database.db).filter(\.$email == "anatole@exemple.test").first()?.requireID())
            let clock = TestClock(Date())
            let retention = AccountRetention(database: database, now: clock.function)
            // act
            clock.advance(by: 29 * 86_400)
            let early = try await retention.apply()
            clock.advance(by: 2 * 86_400)
            let due = try await retention.apply()
            let again = try await retention.apply()
            // check
            #expect(registered.status == .ok)
            #expect(early == AccountRetention.Outcome())
            #expect(due.deletedUnverified == 1 && due.anonymisedRejected == 0 && again == AccountRetention.Outcome())
            #expect(try await User.find(id, on: database.db) == nil)
            #expect(try await User.find(pending, on: database.db) != nil)
            #expect(try await AccountToken.query(on: database.db).filter(\.$user.$id == id).count() == 0)
            let remaining = try await PersonalDataScan.columns(holding: ["anatole@exemple.test", "Retentionnaire", "0699887766"], in: database)
            #expect(remaining == ["users.last_name", "users.phone"])  // the pending account of the same name only
            let entry = try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.unverifiedAccountDeleted.rawValue).all()
            #expect(entry.map(\.target) == [UserTable.anonymisedEmail(of: id)])
        }
    }

    @Test("a refused account is anonymised a year after the refusal, once, and audited", arguments: TestEngine.available)
    func rejectedAnonymised(engine: TestEngine) async throws {
        try await withShop(engine) { _, database in
            // setup
            let refused = try await Self.user("refuse@exemple.test", .rejected, database)
            let clock = TestClock(Date())
            let retention = AccountRetention(database: database, now: clock.function)
            // act
            clock.advance(by: 364 * 86_400)
            let early = try await retention.apply()
            clock.advance(by: 2 * 86_400)
            let due = try await retention.apply()
            let again = try await retention.apply()
            let row = try #require(try await User.find(refused, on: database.db))
            // check
            #expect(early == AccountRetention.Outcome())
            #expect(due.anonymisedRejected == 1 && again == AccountRetention.Outcome())
            #expect(row.status == .rejected && row.email == UserTable.anonymisedEmail(of: refused) && row.rejectionReason == nil)
            #expect(try await PersonalDataScan.columns(holding: ["refuse@exemple.test", "Retentionnaire", "0699887766"], in: database).isEmpty)
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.rejectedAccountAnonymised.rawValue).count() == 1)
            #expect(ShopJobs.periodic.contains(AccountRetention.periodicTask))
        }
    }
}
