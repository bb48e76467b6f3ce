import BoutiqueCore
import FluentKit
import Foundation

extension UserTable {
    /// Those of `ids` who are active employees of the scope's CSE (a dotation's lines are checked
    /// against them). At most a few hundred ids per call: the engines' bind limits.
    public func activeEmployees(_ ids: [UUID], in scope: TenantScope) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$id ~~ ids).filter(\.$tenant.$id == scope.tenantID)
            .filter(\.$role == .employee).filter(\.$status == .active).all().map { try UserRecord($0) }
    }

    /// Those of `emails` (lower-cased) who are active employees of the scope's CSE: a dotation's
    /// CSV. At most a few hundred addresses per call: the engines' bind limits.
    public func activeEmployees(withEmails emails: [String], in scope: TenantScope) async throws -> [UserRecord] {
        try await User.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$role == .employee)
            .filter(\.$status == .active).filter(\.$email ~~ emails).all().map { try UserRecord($0) }
    }
}
