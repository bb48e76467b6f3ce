import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging

/// The accounts' retention periods, applied by a daily job: an account whose address was never
/// verified is deleted 30 days after its registration (it never served: its link expired after
/// 48 hours); a refused account is anonymised a year after the refusal (long enough to answer the
/// person's or the CSE's questions about it). Each deletion or anonymisation is audited, under
/// the pseudonym, never the address.
public struct AccountRetention: Sendable {
    public static let kind = ShopJobKind.applyAccountRetention.rawValue
    public static let periodicTask = PeriodicTask(kind: kind, every: .seconds(86_400))
    public static let unverifiedDays = 30
    public static let rejectedDays = 365

    let database: BoutiqueDatabase
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    public struct Outcome: Sendable, Equatable {
        public var deletedUnverified = 0
        public var anonymisedRejected = 0

        public init() {}
    }

    /// Applies both periods once. - Returns: how many accounts each changed.
    @discardableResult
    public func apply() async throws -> Outcome {
        var outcome = Outcome()
        let time = now()
        for user in try await database.tables.users.unverified(acrossTenants: time.addingTimeInterval(-Double(Self.unverifiedDays) * 86_400)) {
            if try await deleteUnverified(user) { outcome.deletedUnverified += 1 }
        }
        for user in try await database.tables.users.rejected(acrossTenants: time.addingTimeInterval(-Double(Self.rejectedDays) * 86_400)) {
            try await database.transaction { tables in
                try await AccountErasure(user: user, row: .anonymise(.rejected)).run(in: tables)
                try await AuditLog.record(.rejectedAccountAnonymised, by: .commandLine, target: UserTable.anonymisedEmail(of: user.id),
                                          tenantID: user.tenantID, details: "Refusé depuis plus de \(Self.rejectedDays) jours", in: tables)
            }
            outcome.anonymisedRejected += 1
        }
        return outcome
    }

    /// The account goes with everything about it: nothing else points to an account that never
    /// verified its address (no order, card or dotation), only its links, kept e-mails and throttles.
    private func deleteUnverified(_ user: UserRecord) async throws -> Bool {
        do {
            return try await database.transaction { tables in
                guard try await AccountErasure(user: user, row: .deleteUnverified).run(in: tables) else { throw VerifiedMeanwhile() }
                try await AuditLog.record(.unverifiedAccountDeleted, by: .commandLine, target: UserTable.anonymisedEmail(of: user.id),
                                          tenantID: user.tenantID, details: "Adresse non validée en \(Self.unverifiedDays) jours", in: tables)
                return true
            }
        } catch is VerifiedMeanwhile {
            return false
        }
    }

    /// The address was verified between the read and the deletion: the erasure is rolled back.
    private struct VerifiedMeanwhile: Error {}

    static func register(in registry: inout JobRegistry, database: BoutiqueDatabase) {
        registry.register(kind) { _, context in
            let outcome = try await AccountRetention(database: database).apply()
            context.logger.info("Conservation des comptes appliquée", metadata: [
                "deleted_unverified": "\(outcome.deletedUnverified)", "anonymised_rejected": "\(outcome.anonymisedRejected)",
            ])
        }
    }
}
