import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

/// Imports a CSE's list of expected employees (`e-mail;nom;prénom`, a header line naming the
/// columns). All or nothing: one bad row and nothing is written, the report names every bad row.
/// Who registers later with a listed e-mail is approved as soon as the address is confirmed;
/// accounts already waiting for the manager with a listed e-mail are approved at once.
public struct EmployeeImport: Sendable {
    public static let maxRows = 50_000
    static let batchSize = 500

    public struct Report: Sendable, Equatable {
        public var rows = 0
        public var added = 0
        public var updated = 0
        public var approved = 0
        public var rejected: [Rejection] = []

        public struct Rejection: Error, Sendable, Equatable {
            public let line: Int
            public let reason: String
        }

        public var isAccepted: Bool { rejected.isEmpty && rows > 0 }
    }

    struct Row {
        let line: Int
        let email, lastName, firstName: String
    }

    let database: BoutiqueDatabase
    let accounts: Accounts?

    public init(database: BoutiqueDatabase, accounts: Accounts?) {
        self.database = database
        self.accounts = accounts
    }

    /// Checks every row, then writes them in batches in one transaction; `progress` is told how
    /// many rows are written so far (the CLI prints it).
    public func run(tenantID: UUID, actor: AccountActor?, csv text: String,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Report {
        var report = Report()
        let rows = Self.parse(text, report: &report)
        report.rows = rows.count + report.rejected.count
        guard report.rejected.isEmpty, !rows.isEmpty else {
            if report.rows == 0 && report.rejected.isEmpty { report.rejected.append(.init(line: 1, reason: "le fichier ne contient aucun salarié")) }
            return report
        }
        let existing = try await existingEmails(tenantID: tenantID)
        try await database.db.transaction { db in
            let sql = try db.requireSQL()
            for start in stride(from: 0, to: rows.count, by: Self.batchSize) {
                let batch = rows[start..<min(start + Self.batchSize, rows.count)]
                try await upsert(batch, tenantID: tenantID, on: sql)
                progress(min(start + Self.batchSize, rows.count), rows.count)
            }
        }
        report.updated = rows.filter { existing.contains($0.email) }.count
        report.added = rows.count - report.updated
        report.approved = try await approvePending(tenantID: tenantID, actor: actor, emails: Set(rows.map(\.email)))
        // One entry for the import, after the approvals it counts (each also has its own entry).
        if let actor {
            try await AuditLog(database: database).record(
                .employeesImported, by: actor, target: "\(report.rows) ligne(s)", tenantID: tenantID,
                details: "\(report.added) ajouté(s), \(report.updated) mis à jour, \(report.approved) compte(s) validé(s)")
        }
        return report
    }

    /// Whether `email` is on the CSE's list (registration approves such accounts at once).
    public static func isExpected(email: String, tenantID: UUID, on db: any Database) async throws -> Bool {
        try await ExpectedEmployee.query(on: db).filter(\.$tenant.$id == tenantID).filter(\.$email == email.lowercased()).first() != nil
    }

    // MARK: Parsing

    static func parse(_ text: String, report: inout Report) -> [Row] {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch {
            if case .unterminatedQuote(let line) = error {
                report.rejected.append(.init(line: line, reason: "guillemet non fermé : le fichier est illisible à partir de cette ligne"))
            }
            return []
        }
        guard let header = records.first else { return [] }
        guard let columns = Columns(header.fields) else {
            report.rejected.append(.init(line: header.line, reason: "la première ligne doit nommer les colonnes : e-mail;nom;prénom"))
            return []
        }
        guard records.count - 1 <= maxRows else {
            report.rejected.append(.init(line: header.line, reason: "plus de \(maxRows) lignes : découpez le fichier"))
            return []
        }
        var seen: [String: Int] = [:]
        var rows: [Row] = []
        for record in records.dropFirst() {
            switch columns.row(record) {
            case .failure(let rejection): report.rejected.append(rejection)
            case .success(let row):
                if let first = seen[row.email] {
                    report.rejected.append(.init(line: row.line, reason: "« \(row.email) » figure déjà ligne \(first)"))
                } else {
                    seen[row.email] = row.line
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// Which column holds what, from the header line (French or English names, any order).
    struct Columns {
        let email, lastName, firstName: Int

        init?(_ names: [String]) {
            let folded = names.map { $0.trimmingCharacters(in: .whitespaces).lowercased().folding(options: .diacriticInsensitive, locale: nil) }
            guard let email = folded.firstIndex(where: { ["e-mail", "email", "mail", "courriel", "adresse e-mail"].contains($0) }),
                  let last = folded.firstIndex(where: { ["nom", "last_name", "nom de famille"].contains($0) }),
                  let first = folded.firstIndex(where: { ["prenom", "first_name"].contains($0) }) else { return nil }
            self.email = email
            lastName = last
            firstName = first
        }

        func row(_ record: CSVReader.Record) -> Result<Row, Report.Rejection> {
            func field(_ index: Int) -> String { index < record.fields.count ? FieldRules.clean(record.fields[index]) : "" }
            guard let email = FieldRules.email(field(email)) else {
                return .failure(.init(line: record.line, reason: "adresse e-mail invalide : « \(field(email).prefix(80)) »"))
            }
            let last = field(lastName), first = field(firstName)
            if let problem = FieldRules.name(last, field: "Nom") ?? FieldRules.name(first, field: "Prénom") {
                return .failure(.init(line: record.line, reason: problem))
            }
            return .success(Row(line: record.line, email: email, lastName: last, firstName: first))
        }
    }

    // MARK: Writing

    private func existingEmails(tenantID: UUID) async throws -> Set<String> {
        Set(try await ExpectedEmployee.query(on: database.db).filter(\.$tenant.$id == tenantID).all(\.$email))
    }

    /// One multi-row statement per batch: 10,000 rows are 20 statements.
    private func upsert(_ rows: ArraySlice<Row>, tenantID: UUID, on sql: any SQLDatabase) async throws {
        let now = Date()
        let values = rows.map { row in
            SQLGroupExpression([SQLBind(UUID()), SQLBind(tenantID), SQLBind(row.email), SQLBind(row.lastName), SQLBind(row.firstName),
                                SQLBind(now)] as [any SQLExpression])
        }
        try await sql.raw("""
            INSERT INTO expected_employees (id, tenant_id, email, last_name, first_name, created_at)
            VALUES \(SQLList(values))
            ON CONFLICT (tenant_id, email) DO UPDATE SET last_name = excluded.last_name, first_name = excluded.first_name
            """).run()
    }

    private func approvePending(tenantID: UUID, actor: AccountActor?, emails: Set<String>) async throws -> Int {
        guard let accounts, let actor else { return 0 }
        let pending = try await User.query(on: database.db).filter(\.$tenant.$id == tenantID).filter(\.$status == .pending).all()
        var approved = 0
        for user in pending where emails.contains(user.email.lowercased()) {
            if try await accounts.decide(actor: actor, userID: user.requireID(), approve: true, reason: nil) == .done { approved += 1 }
        }
        return approved
    }
}
