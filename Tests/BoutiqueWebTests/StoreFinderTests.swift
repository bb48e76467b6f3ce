import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// « Où dépenser ma e-Carte » over the demo's 320 stores in 80 cities.
@Suite("Store finder")
struct StoreFinderTests {
    /// The store names listed, in order.
    static func names(_ page: TestResponse) -> [String] {
        page.text.components(separatedBy: "<td data-label=\"Magasin\"><strong>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// The distances listed, in order.
    static func distances(_ page: TestResponse) -> [String] {
        page.text.components(separatedBy: "<td data-label=\"Distance\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test("« saint etienne », « St-Étienne » and « ST ETIENNE » all find Saint-Étienne", arguments: TestEngine.available)
    func tolerantNames(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let browser = TestBrowser(client)
            for query in ["saint+etienne", "St-%C3%89tienne", "ST+ETIENNE", "saint-étienne", "Clermont+ferrand"] {
                let page = try await browser.get("/magasins?q=\(query)")
                let city = query.hasPrefix("Clermont") ? "Clermont-Ferrand" : "Saint-Étienne"
                #expect(page.text.contains("Magasins les plus proches de \(city)"), "\(query)")
                #expect(Self.names(page).prefix(4).allSatisfy { $0.contains(city) }, "\(query)")
            }
        }
    }

    @Test("a postcode with no store nearby lists the nearest ones with their distance, from its département", arguments: TestEngine.available)
    func postcodeWithoutStores(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let browser = TestBrowser(client)
            // Mende (48000, Lozère) and Sablé-sur-Sarthe (72300): no demo store has those postcodes
            let lozere = try await browser.get("/magasins?q=48000")
            let sable = try await browser.get("/magasins?q=72300")
            let ajaccio = try await browser.get("/magasins?q=20167")
            let commune = try await browser.get("/magasins?q=Mende")
            let unknown = try await browser.get("/magasins?q=Sabl%C3%A9-sur-Sarthe")
            #expect(lozere.text.contains("Magasins les plus proches de 48000 (Lozère)"))
            #expect(lozere.text.contains("Distances approximatives, comptées depuis Mende, préfecture du département Lozère (48)."))
            #expect(Self.names(lozere).count == 20)
            // the nearest demo cities are some 60 km and more away: the distance says so
            let first = try #require(Self.distances(lozere).first)
            #expect(first.hasSuffix(" km") && (Int(first.dropLast(3)) ?? 0) >= 50, "\(first)")
            #expect(sable.text.contains("72300 (Sarthe)") && Self.names(sable).first == "Maison Lumière Le Mans")
            #expect(ajaccio.text.contains("20167 (Corse-du-Sud)") && Self.names(ajaccio).first?.hasSuffix("Ajaccio") == true)
            #expect(commune.text.contains("Magasins les plus proches de Mende (Lozère)") && Self.distances(commune).count == 20)
            #expect(unknown.text.contains("Aucun magasin trouvé pour « Sablé-sur-Sarthe ». Essayez le code postal de la commune"))
        }
    }

    @Test("« Autour de moi » sends the position; the filter keeps the stores whose self-checkout takes the card", arguments: TestEngine.available)
    func positionAndFilter(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let browser = TestBrowser(client)
            // by the Gare du Mans
            let around = try await browser.get("/magasins?q=&caisses=automatiques&lat=47.99536&lon=0.19236")
            let all = try await browser.get("/magasins?q=Le+Mans")
            let filtered = try await browser.get("/magasins?q=Le+Mans&caisses=automatiques")
            let form = try await browser.get("/magasins")
            #expect(around.text.contains("Magasins les plus proches de votre position"))
            #expect(Self.names(around).first?.contains("Le Mans") == true)
            #expect(!around.text.contains("<td data-label=\"Caisses automatiques\">Non</td>"))
            #expect(all.text.contains("<td data-label=\"Caisses automatiques\">Non</td>"))
            #expect(!filtered.text.contains("<td data-label=\"Caisses automatiques\">Non</td>") && filtered.text.contains("value=\"automatiques\" checked"))
            // the page works without the script: a plain form; the script only shows the button
            #expect(form.text.contains("<script src=\"/static/stores.js\" defer></script>"))
            #expect(form.text.contains("id=\"around-me\" hidden>Autour de moi</button>"))
            #expect(form.text.contains("<input type=\"hidden\" name=\"lat\""))
        }
    }

    @Test("each store has an itinerary link to its position", arguments: [TestEngine.sqlite])
    func itinerary(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            try await DemoStores.seedIfEmpty(database)
            let store = try #require(try await StoreLocation.query(on: database.db).filter(\.$code == "DEMO-72000-1").first())
            let page = try await TestBrowser(client).get("/magasins?q=72000")
            let link = "https://www.openstreetmap.org/directions?to=" + String(format: "%.5f,%.5f", store.latitude, store.longitude)
            #expect(page.text.contains("<a href=\"\(link)\">Itinéraire<span class=\"visually-hidden\"> vers Maison Lumière Le Mans</span></a>"))
        }
    }

    @Test("the script is served from the site, as the CSP allows, and the CSP forbids inline scripts", arguments: [TestEngine.sqlite])
    func script(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let script = try await TestBrowser(client).get("/static/stores.js")
            let page = try await TestBrowser(client).get("/magasins")
            #expect(script.status == .ok && script.text.contains("navigator.geolocation.getCurrentPosition"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
        }
    }
}
