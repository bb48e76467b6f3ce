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

@Suite("Operator console: products")
struct AdminProductsTests {
    static let form = ["name": "e-Carte Culture", "slug": "e-carte-culture", "retailer": "Librairies Réunies",
                       "description": "Livres, disques et places de spectacle.", "amountKind": "fixed", "denominations": "20, 50 ; 100",
                       "minAmount": "", "maxAmount": "", "maxQuantity": "5", "validityMonths": "24",
                       "usageConditions": "Utilisable dans toutes les librairies du réseau", "excludedCategories": "fuel, Alcool",
                       "defaultDiscount": "3,5", "isEnabled": "on"]

    @Test("the operator creates a product with fixed amounts, then edits it to free amounts", arguments: TestEngine.available)
    func createAndEdit(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let created = try await operatorBrowser.post("/admin/produits", Self.form)
            let product = try #require(try await Product.query(on: database.db).filter(\.$slug == "e-carte-culture").first())
            let id = try product.requireID()
            var edit = Self.form
            edit["amountKind"] = "free"
            edit["minAmount"] = "15"
            edit["maxAmount"] = "300"
            edit["isEnabled"] = nil
            let edited = try await operatorBrowser.post("/admin/produits/\(id)", edit)
            let list = try await operatorBrowser.get("/admin/produits")
            let page = try await operatorBrowser.get("/admin/produits/\(id)")
            // check
            #expect(created.headers[.location] == "/admin/produits?ok=cree")
            #expect(product.denominationsCents == [2_000, 5_000, 10_000] && product.minAmountCents == 2_000 && product.maxAmountCents == 10_000)
            #expect(product.validityMonths == 24 && product.maxQuantity == 5 && product.defaultDiscountBasisPoints == 350)
            #expect(product.excludedCategories == ["fuel", "alcool"] && product.isEnabled)
            #expect(edited.headers[.location] == "/admin/produits/\(id)?ok=enregistre")
            let stored = try #require(try await Product.find(id, on: database.db))
            #expect(stored.denominationsCents.isEmpty && stored.minAmountCents == 1_500 && stored.maxAmountCents == 30_000 && !stored.isEnabled)
            #expect(list.text.contains("e-Carte Culture") && list.text.contains("Retiré"))
            #expect(page.text.contains("value=\"3,5\"") && page.text.contains("value=\"fuel, alcool\""))
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action !~ [AuditAction.login.rawValue, AuditAction.loginFailed.rawValue]).count() == 2)
        }
    }

    @Test("wrong product fields re-render the form with French messages and change nothing", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            let existing = try #require(try await Product.query(on: database.db).first())
            var wrong = Self.form
            wrong["amountKind"] = "free"
            wrong["minAmount"] = "200"
            wrong["maxAmount"] = "100"
            wrong["validityMonths"] = "douze"
            wrong["excludedCategories"] = "<script>"
            var duplicate = Self.form
            duplicate["slug"] = existing.slug
            // act
            let refused = try await operatorBrowser.post("/admin/produits", wrong)
            let taken = try await operatorBrowser.post("/admin/produits", duplicate)
            let badEdit = try await operatorBrowser.post("/admin/produits/\(try existing.requireID())", wrong)
            // check
            #expect(refused.status == .unprocessableContent && refused.text.contains("inférieur ou égal au montant maximum"))
            #expect(refused.text.contains("entière entre 1 et 60 mois") && refused.text.contains("mots en minuscules sans accent"))
            #expect(refused.text.contains("value=\"douze\""))
            #expect(taken.status == .unprocessableContent && taken.text.contains("déjà utilisé par un autre produit"))
            #expect(badEdit.status == .unprocessableContent)
            #expect(try await Product.query(on: database.db).count() == 1)
            let stored = try #require(try await Product.find(existing.id, on: database.db))
            #expect(stored.name == existing.name && stored.validityMonths == existing.validityMonths)
        }
    }
}
