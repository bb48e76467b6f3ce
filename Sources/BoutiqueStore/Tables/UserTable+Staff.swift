import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// The platform's staff (operators and every CSE's managers) for the operator's staff page, and
/// `users.last_login_at` (M106), outside the Fluent model: only these statements touch it.
extension UserTable {
    /// A staff account with when it last logged in.
    public struct StaffMember: Sendable {
        public let user: UserRecord
        public let lastLoginAt: Date?
    }

    /// Every operator and manager, with their CSE: operators first, then by CSE, last and first name.
    public func staff() async throws -> [StaffMember] {
        let users = try await User.query(on: db).filter(\.$role ~~ [.operator, .manager]).with(\.$tenant).all()
            .map { try UserRecord($0) }
        let logins = try await lastLogins()
        return users.sorted { a, b in
            (a.role == .operator ? 0 : 1, a.tenant?.name ?? "", a.lastName, a.firstName)
                < (b.role == .operator ? 0 : 1, b.tenant?.name ?? "", b.lastName, b.firstName)
        }.map { StaffMember(user: $0, lastLoginAt: logins[$0.id]) }
    }

    /// A staff account (operator or manager of any CSE) by id, for the operator's actions on it.
    public func staffMember(_ id: UUID) async throws -> UserRecord? {
        try await User.query(on: db).filter(\.$id == id).filter(\.$role ~~ [.operator, .manager]).with(\.$tenant).first()
            .map { try UserRecord($0) }
    }

    /// Sets the status of a staff account (disabled, or active again).
    @discardableResult
    public func setStaffStatus(_ status: UserStatus, of id: UUID) async throws -> Bool {
        guard let user = try await User.query(on: db).filter(\.$id == id).filter(\.$role ~~ [.operator, .manager]).first() else {
            return false
        }
        user.status = status
        try await user.save(on: db)
        return true
    }

    /// How many operators can still log in: the last one is never disabled.
    public func activeOperatorCount() async throws -> Int {
        try await User.query(on: db).filter(\.$role == .operator).filter(\.$status == .active).count()
    }

    /// Records a successful login.
    public func recordLogin(of id: UUID, at date: Date) async throws {
        try await db.requireSQL().raw("""
            UPDATE users SET last_login_at = \(bind: Int64(date.timeIntervalSince1970)) WHERE id = \(bind: id)
            """).run()
    }

    /// When the user last logged in; nil: never.
    public func lastLogin(of id: UUID) async throws -> Date? {
        let row = try await db.requireSQL().raw("SELECT last_login_at FROM users WHERE id = \(bind: id)").first()
        return try row?.decode(column: "last_login_at", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    private func lastLogins() async throws -> [UUID: Date] {
        let rows = try await db.requireSQL().raw("""
            SELECT id, last_login_at FROM users WHERE role IN ('operator', 'manager') AND last_login_at IS NOT NULL
            """).all()
        var logins: [UUID: Date] = [:]
        for row in rows {
            logins[try row.decode(column: "id", as: UUID.self)] =
                Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "last_login_at", as: Int64.self)))
        }
        return logins
    }
}
