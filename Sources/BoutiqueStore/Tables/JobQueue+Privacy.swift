import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

extension JobQueue {
    /// Deletes the jobs that carry `email` (e-mails to the person, sent or waiting), except one
    /// being run now, whose worker still owns it, and the finished jobs that carry `fullName` (an
    /// e-mail sent to someone else about her, such as a card she gave: its payload serves nothing
    /// once sent). A waiting e-mail to someone else stays: a gift she scheduled still leaves.
    /// - Returns: how many.
    @discardableResult
    public static func forget(mentioning email: String, fullName: String, in tables: Tables) async throws -> Int {
        let address = "%" + SQLLike.escaped(email.lowercased()) + "%"
        let name = "%" + SQLLike.escaped(fullName.lowercased()) + "%"
        return try await tables.db.requireSQL().raw("""
            DELETE FROM jobs WHERE state <> 'running' AND (LOWER(payload) LIKE \(bind: address) ESCAPE '\\'
              OR (state IN ('done', 'dead') AND LOWER(payload) LIKE \(bind: name) ESCAPE '\\')) RETURNING id
            """).all().count
    }

    /// Empties a job's payload once its work is done (a farewell e-mail to an address that must
    /// not stay in the database).
    public func clearPayload(of id: Int64) async throws {
        try await database.sql.raw("UPDATE jobs SET payload = '{}' WHERE id = \(bind: id)").run()
    }
}
