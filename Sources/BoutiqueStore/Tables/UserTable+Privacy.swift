import BoutiqueCore
import FluentKit
import SQLKit
import Foundation

/// What « Fermer mon compte » and the retention jobs change of `users`: the row of a closed or
/// refused account stays (its orders, dotation lines and cards point to it, for the accounts and
/// the ledger) but names nobody; an account never verified goes entirely.
extension UserTable {
    /// The address of an anonymised account: unique (as the column must be) and under `.invalid`
    /// (RFC 2606), so no e-mail can ever leave for it.
    public static func anonymisedEmail(of id: UUID) -> String { "compte-\(id.uuidString.lowercased())@anonyme.invalid" }

    /// The dates of an account, for « Mes données ».
    public struct AccountDates: Sendable, Equatable {
        public let createdAt: Date?
        public let verifiedAt: Date?
        public let approvedAt: Date?
    }

    public func accountDates(of id: UUID) async throws -> AccountDates? {
        try await User.find(id, on: db).map { AccountDates(createdAt: $0.createdAt, verifiedAt: $0.verifiedAt, approvedAt: $0.approvedAt) }
    }

    /// Replaces everything of the row that names or reaches the person: address, civility, names,
    /// phone, the refusal's reason, the pending address, the second factor and its recovery codes,
    /// the last login; the password can no longer match (`!` is no bcrypt hash). The id, role,
    /// CSE and dates stay.
    /// - Returns: false when no such account.
    public func anonymise(_ id: UUID, status: UserStatus) async throws -> Bool {
        guard let user = try await User.find(id, on: db) else { return false }
        user.email = Self.anonymisedEmail(of: id)
        user.passwordHash = "!"
        user.civility = ""
        user.firstName = "Compte"
        user.lastName = "fermé"
        user.phone = ""
        user.rejectionReason = nil
        user.pendingEmail = nil
        user.identificationKeyID = nil
        user.totpSecret = nil
        user.totpEnabledAt = nil
        user.status = status
        try await user.save(on: db)
        // The second factor's spare codes and the last login go with the person (M105, M106).
        try await RecoveryCodeTable(db: db).removeAll(of: id)
        try await db.requireSQL().raw("UPDATE users SET last_login_at = NULL WHERE id = \(bind: id)").run()
        return true
    }

    /// Accounts whose address was never verified, created before `cutoff`, across every CSE.
    public func unverified(acrossTenants createdBefore: Date) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$status == .unverified).filter(\.$createdAt < createdBefore).all().map { try UserRecord($0) }
    }

    /// Refused accounts not anonymised yet whose last change (the refusal: a refused account cannot
    /// log in to change anything) is before `cutoff`, across every CSE.
    public func rejected(acrossTenants decidedBefore: Date) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$status == .rejected).filter(\.$updatedAt < decidedBefore)
            .filter(\.$email !~ "@anonyme.invalid").all().map { try UserRecord($0) }
    }

    /// Deletes an account that is still unverified (guarded: one verified meanwhile stays).
    /// - Returns: whether it was deleted.
    public func deleteUnverified(_ id: UUID) async throws -> Bool {
        guard try await User.query(on: db).filter(\.$id == id).filter(\.$status == .unverified).count() == 1 else { return false }
        try await User.query(on: db).filter(\.$id == id).filter(\.$status == .unverified).delete()
        return true
    }
}
