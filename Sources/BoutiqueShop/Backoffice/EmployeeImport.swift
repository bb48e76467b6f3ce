import BoutiqueCore
import BoutiqueStore
import Foundation

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
        // The manager's own CSE (the import page), or the one the command line names.
        let scope = actor.flatMap { $0.scope(for: tenantID) } ?? TenantScope(operatorChoice: tenantID)
        let existing = try await database.tables.expectedEmployees.emails(in: scope)
        let listed = rows.map { ExpectedEmployeeTable.Row(email: $0.email, lastName: $0.lastName, firstName: $0.firstName) }
        try await database.transaction { tables in
            for start in stride(from: 0, to: listed.count, by: Self.batchSize) {
                let batch = listed[start..<min(start + Self.batchSize, listed.count)]
                try await tables.expectedEmployees.upsert(batch, at: Date(), in: scope)
                progress(min(start + Self.batchSize, listed.count), listed.count)
            }
        }
        report.updated = rows.filter { existing.contains($0.email) }.count
        report.added = rows.count - report.updated
        report.approved = try await approvePending(in: scope, actor: actor, emails: Set(rows.map(\.email)))
        // One entry for the import, after the approvals it counts (each also has its own entry).
        if let actor {
            try await AuditLog(database: database).record(
                .employeesImported, by: actor, target: "\(report.rows) ligne(s)", tenantID: tenantID,
                details: "\(report.added) ajouté(s), \(report.updated) mis à jour, \(report.approved) compte(s) validé(s)")
        }
        return report
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

    private func approvePending(in scope: TenantScope, actor: AccountActor?, emails: Set<String>) async throws -> Int {
        guard let accounts, let actor else { return 0 }
        let pending = try await database.tables.users.pending(in: scope)
        var approved = 0
        for user in pending where emails.contains(user.email.lowercased()) {
            if try await accounts.decide(actor: actor, userID: user.id, approve: true, reason: nil) == .done { approved += 1 }
        }
        return approved
    }
}
