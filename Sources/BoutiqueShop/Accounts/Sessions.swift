import BoutiqueCore
import BoutiqueStore
import Foundation

/// Logged-in sessions: the cookie's token (kept as its SHA-256) names a session; the session's
/// user counts only while the account is active. The CSE shown in every logged-in page's header
/// comes from a short cache (changed rarely by the operator; a change shows within 5 s).
public struct Sessions: Sendable {
    let store: SessionStore
    let database: BoutiqueDatabase
    let tenants = TTLCache<UUID, TenantRecord?>(ttl: .seconds(5))
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, limits: SessionStore.Limits = SessionStore.Limits(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
        store = SessionStore(database: database, limits: limits, now: now)
    }

    /// The active user of the session whose token hashes to `idHash`, with their CSE; nil for an
    /// unknown or expired session or an account that is no longer active.
    public func user(idHash: String) async throws -> UserRecord? {
        guard let user = try await store.userRecord(idHash: idHash), user.status == .active else { return nil }
        guard let tenantID = user.tenantID else { return user }
        let tenant = try await tenants.value(for: tenantID) {
            try await database.tables.tenants.find(TenantScope(memberOf: tenantID))
        }
        return user.with(tenant: tenant)
    }

    /// A new session for `user` (the caller made the token and keeps only its hash here), with
    /// the limits of the user's role; the login's date is kept for the operator's staff page.
    public func start(idHash: String, user: UserRecord) async throws {
        try await store.create(idHash: idHash, userID: user.id, role: user.role)
        try await database.tables.users.recordLogin(of: user.id, at: now())
    }

    public func end(idHash: String) async throws {
        try await store.destroy(idHash: idHash)
    }

    /// Logs the user out everywhere (a disabled account, a removed manager).
    public func endAll(userID: UUID) async throws {
        try await store.destroyAll(userID: userID)
    }
}

extension UserRecord {
    /// The same user with their CSE.
    fileprivate func with(tenant: TenantRecord?) -> UserRecord {
        UserRecord(id: id, role: role, status: status, email: email, civility: civility, firstName: firstName, lastName: lastName,
                   phone: phone, pendingEmail: pendingEmail, rejectionReason: rejectionReason, identificationKeyID: identificationKeyID,
                   tenantID: tenantID, tenant: tenant, hasSecondFactor: hasSecondFactor, createdAt: createdAt)
    }
}
