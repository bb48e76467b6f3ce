import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `dotation_transfers` (M120): the transfers recorded against each dotation. Rows are only
/// added: a wrong entry is corrected by the accountant's entry, never by deleting it.
public struct DotationTransferTable: Sendable {
    let db: any Database

    static let table = "dotation_transfers"

    public struct Row: Sendable, Equatable {
        public let amount: Money
        /// ISO date (« 2026-12-07 »): the day the bank credited it.
        public let receivedOn: String
        public let statementReference: String
        public let referenceMatches: Bool
        public let recordedBy: String

        public init(amount: Money, receivedOn: String, statementReference: String, referenceMatches: Bool, recordedBy: String) {
            self.amount = amount
            self.receivedOn = receivedOn
            self.statementReference = statementReference
            self.referenceMatches = referenceMatches
            self.recordedBy = recordedBy
        }
    }

    public func add(dotationID: UUID, tenantID: UUID, row: Row, at date: Date) async throws {
        try await db.requireSQL().raw("""
            INSERT INTO dotation_transfers (id, dotation_id, tenant_id, amount_cents, received_on, statement_reference, reference_matches,
                                            recorded_by, created_at)
            VALUES (\(bind: UUID()), \(bind: dotationID), \(bind: tenantID), \(bind: Int64(row.amount.cents)), \(bind: row.receivedOn),
                    \(bind: row.statementReference), \(bind: row.referenceMatches), \(bind: row.recordedBy),
                    \(bind: Int64(date.timeIntervalSince1970 * 1000)))
            """).run()
    }

    /// In the order they were recorded.
    public func all(of dotationID: UUID) async throws -> [Row] {
        try await db.requireSQL().raw("""
            SELECT amount_cents, received_on, statement_reference, reference_matches, recorded_by FROM dotation_transfers
            WHERE dotation_id = \(bind: dotationID) ORDER BY created_at, id
            """).all().map { row in
            Row(amount: Money(cents: Int(try row.decode(column: "amount_cents", as: Int64.self))),
                receivedOn: try row.decode(column: "received_on", as: String.self),
                statementReference: try row.decode(column: "statement_reference", as: String.self),
                referenceMatches: try row.decode(column: "reference_matches", as: Bool.self),
                recordedBy: try row.decode(column: "recorded_by", as: String.self))
        }
    }

    /// Takes the dotation's lock until the transaction ends, so that two operators recording
    /// transfers at once add up one after the other (same scheme as `lockForPurchases`).
    public func lock(_ dotationID: UUID) async throws {
        let sql = try db.requireSQL()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("UPDATE dotations SET id = id WHERE id = \(bind: dotationID)").run()
        } else {
            _ = try await sql.raw("SELECT id FROM dotations WHERE id = \(bind: dotationID) FOR UPDATE").all()
        }
    }
}

extension Tables {
    public var dotationTransfers: DotationTransferTable { DotationTransferTable(db: db) }
}
