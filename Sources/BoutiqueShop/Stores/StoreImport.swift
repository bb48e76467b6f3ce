import BoutiqueCore
import BoutiqueStore
import Foundation

/// Imports stores from CSV, row by row: a valid row is created or updated by its code, a bad
/// row is rejected whole with its line number and the reason, in French.
public struct StoreImport: Sendable {
    public struct Report: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var rejected: [Rejection] = []

        public struct Rejection: Sendable, Equatable {
            public let line: Int
            public let reason: String
        }
    }

    public static let columns = ["code", "brand", "name", "address", "postcode", "city", "latitude", "longitude",
                                 "opening_hours", "self_checkout"]
    static let required = Array(columns.prefix(8))

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    /// With `allOrNothing`, one bad row imports nothing: the operator's page fixes the file and
    /// sends it again, rather than guessing which half of it went in.
    public func run(actor: AccountActor, csv text: String, allOrNothing: Bool = false) async throws -> Report {
        guard actor.role == .operator else { throw FormErrors("form", StaffMessages.operatorsOnly) }
        var report = Report()
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(text) } catch {
            if case .unterminatedQuote(let line) = error {
                report.rejected.append(.init(line: line, reason: "guillemet non fermé : le fichier est illisible à partir de cette ligne"))
            }
            return report
        }
        guard let header = records.first else { return report }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = Self.required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            report.rejected.append(.init(line: header.line, reason: "colonnes manquantes : \(missing.joined(separator: ", "))"))
            return report
        }
        var rows: [StoreRow] = []
        var seen = Set<String>()
        for record in records.dropFirst() {
            switch StoreRow.parse(record, columns: names) {
            case .failure(let problem): report.rejected.append(.init(line: record.line, reason: problem.reason))
            case .success(let row):
                guard seen.insert(row.code).inserted else {
                    report.rejected.append(.init(line: record.line, reason: "code \(row.code) déjà présent plus haut dans le fichier"))
                    continue
                }
                rows.append(row)
            }
        }
        if allOrNothing && !report.rejected.isEmpty { return report }
        try await save(rows, into: &report, actor: actor)
        return report
    }

    private func save(_ rows: [StoreRow], into report: inout Report, actor: AccountActor) async throws {
        let stores = rows.map(\.store)
        let (created, updated) = try await database.transaction { tables -> (Int, Int) in
            let (created, updated) = try await tables.storeLocations.upsert(stores)
            try await AuditLog.record(.storesImported, by: actor, target: "CSV", tenantID: nil,
                                      details: "\(created) créés, \(updated) mis à jour", in: tables)
            return (created, updated)
        }
        report.created += created
        report.updated += updated
    }
}

/// One validated CSV row.
struct StoreRow: Sendable {
    let code, brand, name, address, postcode, city, openingHours: String
    let latitude, longitude: Double
    let selfCheckout: Bool

    struct Problem: Error { let reason: String }

    static func parse(_ record: CSVReader.Record, columns: [String]) -> Result<StoreRow, Problem> {
        func value(_ name: String) -> String {
            guard let index = columns.firstIndex(of: name), index < record.fields.count else { return "" }
            return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard record.fields.count >= StoreImport.required.count else {
            return .failure(Problem(reason: "\(record.fields.count) colonnes au lieu d'au moins \(StoreImport.required.count)"))
        }
        for name in ["code", "brand", "name", "address", "city"] where value(name).isEmpty {
            return .failure(Problem(reason: "« \(name) » est vide"))
        }
        for name in ["code", "brand", "name", "address", "city", "opening_hours"] where value(name).count > 200 {
            return .failure(Problem(reason: "« \(name) » dépasse 200 caractères"))
        }
        let postcode = value("postcode")
        guard postcode.count == 5, postcode.allSatisfy(\.isASCIIDigit) else {
            return .failure(Problem(reason: "code postal « \(postcode) » invalide (5 chiffres)"))
        }
        guard let latitude = Double(value("latitude").replacingOccurrences(of: ",", with: ".")), (-90...90).contains(latitude) else {
            return .failure(Problem(reason: "latitude « \(value("latitude")) » invalide"))
        }
        guard let longitude = Double(value("longitude").replacingOccurrences(of: ",", with: ".")), (-180...180).contains(longitude) else {
            return .failure(Problem(reason: "longitude « \(value("longitude")) » invalide"))
        }
        let flag = value("self_checkout").lowercased()
        guard ["", "oui", "non", "1", "0", "true", "false", "yes", "no"].contains(flag) else {
            return .failure(Problem(reason: "self_checkout « \(flag) » invalide (oui ou non)"))
        }
        return .success(StoreRow(code: value("code"), brand: value("brand"), name: value("name"), address: value("address"),
                                 postcode: postcode, city: value("city"), openingHours: value("opening_hours"),
                                 latitude: latitude, longitude: longitude, selfCheckout: ["oui", "1", "true", "yes"].contains(flag)))
    }

    /// The row as the stores' table keeps it.
    var store: StoreLocationTable.Store {
        StoreLocationTable.Store(code: code, brand: brand, name: name, address: address, postcode: postcode, city: city,
                                 openingHours: openingHours, latitude: latitude, longitude: longitude, selfCheckout: selfCheckout)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
