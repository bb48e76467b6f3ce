import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// A user decoded from a plain statement's row, without Fluent's query builder.
///
/// Every logged-in request resolves its session's user (`SessionStore.user(idHash:)`). Through
/// Fluent that cost about 0.6 ms of CPU (a profile of `scripts/load`: the model's properties found
/// by reflection several times per query, the SELECT built and serialised), ten times the rest of
/// a `/health` request. The user read so is a view for the request: code that changes a user
/// reads it again and saves that.
extension User {
    /// Every column of `users`, in the order `init(row:)` reads them (a test checks none is missing).
    public static let columns = [
        "id", "tenant_id", "role", "status", "email", "password_hash", "civility", "first_name", "last_name", "phone",
        "rejection_reason", "pending_email", "identification_key_id", "verified_at", "approved_at", "totp_secret",
        "totp_enabled_at", "created_at", "updated_at",
    ]

    /// `columns` of the table named or aliased `table`, quoted (both engines quote identifiers
    /// with "): built once by the caller, not per request.
    public static func selectList(table: String) -> String {
        columns.map { "\(table).\"\($0)\"" }.joined(separator: ", ")
    }

    /// A user from a row holding `columns`, marked as stored (as Fluent marks what it fetched).
    public convenience init(row: any SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        $tenant.id = try row.decode(column: "tenant_id", as: UUID?.self)
        role = try row.decode(column: "role", as: UserRole.self)
        status = try row.decode(column: "status", as: UserStatus.self)
        email = try row.decode(column: "email", as: String.self)
        passwordHash = try row.decode(column: "password_hash", as: String.self)
        civility = try row.decode(column: "civility", as: String.self)
        firstName = try row.decode(column: "first_name", as: String.self)
        lastName = try row.decode(column: "last_name", as: String.self)
        phone = try row.decode(column: "phone", as: String.self)
        rejectionReason = try row.decode(column: "rejection_reason", as: String?.self)
        pendingEmail = try row.decode(column: "pending_email", as: String?.self)
        identificationKeyID = try row.decode(column: "identification_key_id", as: UUID?.self)
        verifiedAt = try row.decode(column: "verified_at", as: Date?.self)
        approvedAt = try row.decode(column: "approved_at", as: Date?.self)
        totpSecret = try row.decode(column: "totp_secret", as: String?.self)
        totpEnabledAt = try row.decode(column: "totp_enabled_at", as: Date?.self)
        createdAt = try row.decode(column: "created_at", as: Date?.self)
        updatedAt = try row.decode(column: "updated_at", as: Date?.self)
        $id.exists = true
    }
}
