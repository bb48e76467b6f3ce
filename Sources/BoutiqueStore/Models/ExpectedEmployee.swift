import BoutiqueCore
import FluentKit
import Foundation

/// An employee the CSE expects (imported from its staff list): when someone registers for that
/// CSE with this e-mail and confirms it, the account is approved at once.
public final class ExpectedEmployee: Model, @unchecked Sendable {
    public static let schema = "expected_employees"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tenant_id") public var tenant: Tenant
    /// Lower-cased.
    @Field(key: "email") public var email: String
    @Field(key: "last_name") public var lastName: String
    @Field(key: "first_name") public var firstName: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
