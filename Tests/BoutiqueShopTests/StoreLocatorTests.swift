import BoutiqueCore
@testable import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("Store locator and import")
struct StoreLocatorTests {
    @Test("the demo stores load through the import: 320 stores in 80 real cities", arguments: TestEngine.available)
    func demoStores(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await DemoStores.seedIfEmpty(database)
            try await DemoStores.seedIfEmpty(database)
            #expect(try await StoreLocation.query(on: database.db).count() == 320)
        }
    }

    @Test("a postcode, its first digits or a city name find the nearest stores first", arguments: [TestEngine.sqlite])
    func search(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            try await DemoStores.seedIfEmpty(database)
            let directory = StoreDirectory(database: database)
            // act
            let nantes = try await directory.search("44000")
            let stEtienne = try await directory.search("saint etienne")
            let department = try await directory.search("13")
            let nowhere = try await directory.search("Tombouctou")
            // check
            #expect(nantes.place == "Nantes (44000)")
            #expect(nantes.stores.prefix(4).allSatisfy { $0.store.city == "Nantes" })
            #expect(nantes.stores.map(\.kilometres) == nantes.stores.map(\.kilometres).sorted())
            // the next stores out of Nantes are Saint-Nazaire's, about 50 km away
            #expect(nantes.stores[4].store.city == "Saint-Nazaire")
            #expect((45...60).contains(nantes.stores[4].kilometres))
            #expect(stEtienne.stores.first?.store.city == "Saint-Étienne")
            #expect(["Marseille", "Aix-en-Provence"].contains(department.stores.first?.store.city ?? ""))
            #expect(nowhere.stores.isEmpty && nowhere.place == nil)
        }
    }

    @Test("the 101 départements, each postcode to its own: Corsica by 200xx–201xx and 202xx, overseas by three digits")
    func departements() {
        #expect(Departement.all.count == 101 && Set(Departement.all.map(\.code)).count == 101)
        #expect(Departement.of(postcode: "75001")?.prefecture == "Paris")
        #expect(Departement.of(postcode: "01000")?.name == "Ain")
        #expect(Departement.of(postcode: "20090")?.code == "2A" && Departement.of(postcode: "20167")?.code == "2A")
        #expect(Departement.of(postcode: "20200")?.code == "2B" && Departement.of(postcode: "20600")?.code == "2B")
        #expect(Departement.of(postcode: "97411")?.name == "La Réunion" && Departement.of(postcode: "97600")?.name == "Mayotte")
        #expect(Departement.of(postcode: "20") == nil && Departement.of(postcode: "99000") == nil && Departement.of(postcode: "7") == nil)
        #expect(Departement.named("cote d'or")?.code == "21" && Departement.named("2b")?.prefecture == "Bastia")
        #expect(Departement.named("St-Lô")?.code == "50")
    }

    @Test("place names compare without case, accents, hyphens, and with « St » as « Saint »")
    func placeNames() {
        let variants = ["saint etienne", "St-Étienne", "ST ETIENNE", "Saint-Étienne", "  saint--étienne "]
        #expect(Set(variants.map(PlaceName.normalize)) == ["saint etienne"])
        #expect(PlaceName.key("Le Mans") == PlaceName.key("le-mans") && PlaceName.key("Ste-Maxime") == "saintemaxime")
    }

    @Test("a département's name finds its prefecture's stores; one no store has lists the nearest from its prefecture", arguments: [TestEngine.sqlite])
    func departementSearch(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await DemoStores.seedIfEmpty(database)
            let directory = StoreDirectory(database: database)
            let cher = try await directory.search("Cher")
            let cantal = try await directory.search("15000")
            let reunion = try await directory.search("97400")
            #expect(cher.place == "Cher (18)" && cher.stores.first?.store.city == "Bourges")
            #expect(cantal.place == "15000 (Cantal)" && cantal.approximation?.contains("Aurillac") == true)
            #expect(cantal.stores.count == 20 && (cantal.stores.first?.kilometres ?? 0) > 50)
            // no store overseas: the nearest are in mainland France, thousands of kilometres away
            #expect(reunion.place == "97400 (La Réunion)" && (reunion.stores.first?.kilometres ?? 0) > 5_000)
        }
    }

    @Test("Paris to Lyon is about 392 km")
    func haversine() {
        let distance = Geo.kilometres(48.8566, 2.3522, 45.7640, 4.8357)
        #expect((388...396).contains(distance))
    }

    @Test("bad CSV rows are reported with their line numbers and never half imported", arguments: TestEngine.available)
    func importReport(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let csv = """
                code;brand;name;address;postcode;city;latitude;longitude;opening_hours;self_checkout
                S1;Maison Lumière;Maison Lumière Nantes;"10, rue Crébillon";44000;Nantes;47,2133;-1,5600;Lun.–sam. 9 h – 20 h;oui
                S2;Market;Market Rezé;2 rue du Port;4400;Rezé;47.19;-1.56;;non
                S3;Market;Market Vertou;;44120;Vertou;47.17;-1.47;;non
                S4;Market;Market Orvault;3 place;44700;Orvault;147.2;-1.62;;non
                S1;Market;Doublon;1 rue;44000;Nantes;47.2;-1.5;;non
                S5;Market;Market Carquefou;4 rue;44470;Carquefou;47.29;-1.49;;peut-être
                S6;Lumière Proximité;Proxi « Talensac »;5 rue de Talensac;44000;Nantes;47.2211;-1.5592;;
                """
            // act
            let report = try await StoreImport(database: database).run(actor: .commandLine, csv: csv)
            let again = try await StoreImport(database: database).run(actor: .commandLine, csv: csv)
            // check
            #expect(report.created == 2 && report.updated == 0)
            #expect(report.rejected.map(\.line) == [3, 4, 5, 6, 7])
            #expect(report.rejected[0].reason.contains("code postal"))
            #expect(report.rejected[1].reason.contains("« address » est vide"))
            #expect(report.rejected[2].reason.contains("latitude"))
            #expect(report.rejected[3].reason.contains("déjà présent"))
            #expect(report.rejected[4].reason.contains("self_checkout"))
            #expect(again.created == 0 && again.updated == 2)
            let stores = try await StoreLocation.query(on: database.db).sort(\.$code).all()
            #expect(stores.map(\.code) == ["S1", "S6"])
            #expect(stores[0].address == "10, rue Crébillon" && stores[0].selfCheckout && stores[0].latitude == 47.2133)
            #expect(stores[1].name == "Proxi « Talensac »" && !stores[1].selfCheckout)
        }
    }

    @Test("a file without the required columns imports nothing and says which are missing", arguments: [TestEngine.sqlite])
    func missingColumns(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let report = try await StoreImport(database: database).run(actor: .commandLine, csv: "code,name\nS1,Magasin\n")
            #expect(report.created == 0 && report.rejected.first?.line == 1)
            #expect(report.rejected.first?.reason.contains("brand") == true)
        }
    }

    @Test("3,000 stores: a search is computed in memory over all of them")
    func largeDirectory() {
        // setup: 3,000 synthetic stores along a meridian
        let stores = (0..<3_000).map { n in
            StoreDirectory.Store(code: "S\(n)", brand: "B", name: "N", address: "A", postcode: String(format: "%05d", 10_000 + n),
                                 city: "Ville \(n)", openingHours: "", latitude: 42 + Double(n) / 400, longitude: 2, selfCheckout: true,
                                 cityKey: "ville\(n)")
        }
        // act
        let result = StoreDirectory.search("11500", in: stores, limit: 20)
        // check
        #expect(result.stores.count == 20)
        #expect(result.stores.first?.store.code == "S1500")
    }
}
