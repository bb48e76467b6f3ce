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

@Suite("Operator console: CSEs")
struct AdminTenantsTests {
    static let settings = ["name": "CSE Gamma Services", "contactEmail": "cse@gamma.test", "maxOrder": "500", "yearlyCap": "",
                           "maxCartLines": "5", "approval": "key", "brandColor": "#AA3300", "openForRegistration": "on", "isEnabled": "on"]

    @Test("the operator creates a CSE, sets its limits and branding, offers a product at 7,5 % and the shop shows it",
          arguments: TestEngine.available)
    func createAndConfigure(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let product = try #require(try await Product.query(on: database.db).first())
            let productID = try product.requireID().uuidString
            // act
            let created = try await operatorBrowser.post("/admin/cse", ["name": "CSE Gamma", "slug": "gamma", "contactEmail": "cse@gamma.test"])
            let tenant = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "gamma").first())
            let id = try tenant.requireID()
            let saved = try await operatorBrowser.post("/admin/cse/\(id)", Self.settings)
            let offers = try await operatorBrowser.post("/admin/cse/\(id)/produits", ["enabled-\(productID)": "on", "discount-\(productID)": "7,5"])
            let page = try await operatorBrowser.get("/admin/cse/\(id)")
            let shop = try await TestBrowser(client).get("/cse/gamma/catalogue")
            let theme = try await TestBrowser(client).get("/cse/gamma/theme.css")
            // check
            #expect(created.headers[.location] == "/admin/cse/\(id)?ok=cree")
            #expect(saved.headers[.location] == "/admin/cse/\(id)?ok=enregistre")
            #expect(offers.headers[.location] == "/admin/cse/\(id)?ok=produits")
            let stored = try #require(try await Tenant.find(id, on: database.db))
            #expect(stored.name == "CSE Gamma Services")
            #expect(stored.settings == TenantSettings(maxOrderCents: 50_000, yearlyCapCents: nil, maxCartLines: 5, autoApproveWithKey: true,
                                                      brandColor: "#aa3300"))
            #expect(page.text.contains("value=\"7,5\"") && page.text.contains("value=\"500\""))
            #expect(shop.text.contains("CSE Gamma Services") && shop.text.contains("-7,5\u{00A0}%"))
            #expect(theme.text.contains("#aa3300"))
            let actions = try await AuditEntry.query(on: database.db).all().map { AuditAction.label(of: $0.action) }
            #expect(actions.contains("CSE créé") && actions.contains("Réglages du CSE modifiés") && actions.contains("Produits du CSE modifiés"))
        }
    }

    @Test("wrong settings re-render the form with French messages and change nothing", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
            let id = try alpha.requireID()
            let product = try #require(try await Product.query(on: database.db).first()).requireID().uuidString
            var settings = Self.settings
            settings["brandColor"] = "red;}body{display:none"
            settings["maxOrder"] = "-5"
            // act
            let duplicate = try await operatorBrowser.post("/admin/cse", ["name": "Copie", "slug": "alpha", "contactEmail": "x@y.test"])
            let badSlug = try await operatorBrowser.post("/admin/cse", ["name": "", "slug": "A B", "contactEmail": "pas-un-email"])
            let badSettings = try await operatorBrowser.post("/admin/cse/\(id)", settings)
            let badDiscount = try await operatorBrowser.post("/admin/cse/\(id)/produits", ["enabled-\(product)": "on", "discount-\(product)": "150"])
            let unknown = try await operatorBrowser.post("/admin/cse/\(UUID())", Self.settings)
            // check
            #expect(duplicate.status == .unprocessableContent && duplicate.text.contains("déjà utilisé par un autre CSE"))
            #expect(badSlug.status == .unprocessableContent && badSlug.text.contains("lettres minuscules sans accent"))
            #expect(badSlug.text.contains("Saisissez une adresse e-mail valide"))
            #expect(badSettings.status == .unprocessableContent && badSettings.text.contains("format #rrggbb"))
            #expect(badSettings.text.contains("laissez vide pour ne fixer aucune limite"))
            #expect(badDiscount.status == .unprocessableContent && badDiscount.text.contains("entre 0 et 99,99 %"))
            #expect(unknown.status == .notFound)
            let stored = try #require(try await Tenant.find(id, on: database.db))
            #expect(stored.name == "CSE Alpha Industries" && stored.settings == alpha.settings)
            #expect(try await Tenant.query(on: database.db).count() == 2)
            #expect(try await TenantProduct.query(on: database.db).filter(\.$tenant.$id == id).first()?.discountBasisPoints == nil)
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action !~ [AuditAction.login.rawValue, AuditAction.loginFailed.rawValue]).count() == 0)
        }
    }
}
