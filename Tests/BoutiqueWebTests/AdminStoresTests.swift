import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operator console: stores")
struct AdminStoresTests {
    static let header = "code;brand;name;address;postcode;city;latitude;longitude;opening_hours;self_checkout"

    @Test("a CSV file import creates the stores, reports the count and the search finds them without accents", arguments: TestEngine.available)
    func importAndSearch(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let before = try await StoreLocation.query(on: database.db).count()
            let csv = [Self.header, "ZZ-001;Lumière Market;Lumière Évry Gare;1 place de la Gare;91000;Évry;48,62;2,44;;oui",
                       "ZZ-002;Maison Lumière;Maison Lumière Massy;3 rue Nationale;91300;Massy;48.73;2.27;Lun.-sam. 9 h - 20 h;non"]
                .joined(separator: "\n")
            // act
            let imported = try await operatorBrowser.upload("/admin/magasins/import", file: "file", filename: "magasins.csv", bytes: Array(csv.utf8))
            let search = try await operatorBrowser.get("/admin/magasins?q=evry")
            // check
            #expect(imported.status == .ok && imported.text.contains("Import terminé : 2 magasins créés, 0 mis à jour."))
            #expect(try await StoreLocation.query(on: database.db).count() == before + 2)
            #expect(search.text.contains("ZZ-001") && !search.text.contains("ZZ-002"))
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.storesImported.rawValue).count() == 1)
        }
    }

    @Test("a CSV with a bad row is reported by line and imports nothing", arguments: TestEngine.available)
    func badRow(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let before = try await StoreLocation.query(on: database.db).count()
            let csv = [Self.header, "ZZ-001;Lumière Market;Évry Gare;1 place de la Gare;91000;Évry;48.62;2.44;;oui",
                       "ZZ-002;Maison Lumière;Massy;3 rue Nationale;913;Massy;48.73;2.27;;non"].joined(separator: "\n")
            // act
            let refused = try await operatorBrowser.post("/admin/magasins/import", ["csv": csv])
            let empty = try await operatorBrowser.post("/admin/magasins/import", ["csv": "  "])
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("<td>3</td><td>code postal « 913 » invalide (5 chiffres)</td>"))
            #expect(refused.text.contains("corrigez les lignes signalées puis recommencez"))
            #expect(empty.status == .unprocessableContent && empty.text.contains("collez son contenu"))
            #expect(try await StoreLocation.query(on: database.db).count() == before)
            #expect(try await StoreLocation.query(on: database.db).filter(\.$code == "ZZ-001").count() == 0)
        }
    }
}
