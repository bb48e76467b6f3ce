import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `expected_employees`: each CSE's imported list of the employees it expects. Rows belong to
/// their CSE; every read and write names the scope.
public struct ExpectedEmployeeTable: Sendable {
    let db: any Database

    /// An employee of the list, as imported.
    public struct Row: Sendable {
        /// Lower-cased.
        public let email: String
        public let lastName: String
        public let firstName: String

        public init(email: String, lastName: String, firstName: String) {
            self.email = email
            self.lastName = lastName
            self.firstName = firstName
        }
    }

    /// Whether the scope's list has exactly this (lower-cased) address.
    public func contains(email: String, in scope: TenantScope) async throws -> Bool {
        try await ExpectedEmployee.query(on: db).filter(\.$tenant.$id == scope.tenantID).filter(\.$email == email).first() != nil
    }

    /// Every address on the scope's list.
    public func emails(in scope: TenantScope) async throws -> Set<String> {
        Set(try await ExpectedEmployee.query(on: db).filter(\.$tenant.$id == scope.tenantID).all(\.$email))
    }

    /// Adds the rows to the scope's list, or renames those already on it. One multi-row statement
    /// per call: 10,000 rows in batches of 500 are 20 statements.
    public func upsert(_ rows: some Collection<Row>, at now: Date, in scope: TenantScope) async throws {
        let values = rows.map { row in
            SQLGroupExpression([SQLBind(UUID()), SQLBind(scope.tenantID), SQLBind(row.email), SQLBind(row.lastName),
                                SQLBind(row.firstName), SQLBind(now)] as [any SQLExpression])
        }
        try await db.requireSQL().raw("""
            INSERT INTO expected_employees (id, tenant_id, email, last_name, first_name, created_at)
            VALUES \(SQLList(values))
            ON CONFLICT (tenant_id, email) DO UPDATE SET last_name = excluded.last_name, first_name = excluded.first_name
            """).run()
    }
}

extension Tables {
    public var expectedEmployees: ExpectedEmployeeTable { ExpectedEmployeeTable(db: db) }
}
