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

@Suite("Cart and ordering pages")
struct CartPageTests {
    static func productID(_ database: BoutiqueDatabase) async throws -> String {
        try #require(try await Product.query(on: database.db).first()?.id?.uuidString)
    }

    @Test("the guide's cart: 50 + 100 + 10 € at 5 % shows 152.00 € and saves 8.00 €, then Commander creates CMD-000001",
          arguments: TestEngine.available)
    func guideCart(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let product = try await Self.productID(database)
            // act
            let page = try await marie.get("/produits/e-carte-economies")
            for amount in ["50", "100", "10"] {
                let added = try await marie.post("/panier/lignes", ["product": product, "amount": amount, "quantity": "1"])
                #expect(added.headers[.location] == "/panier?ok=ajout")
            }
            let cart = try await marie.get("/panier")
            let noTerms = try await marie.post("/commandes", [:])
            let placed = try await marie.post("/commandes", ["terms": "on"])
            let payment = try await marie.get(try #require(placed.headers[.location]))
            // check
            #expect(page.text.contains("Je choisis la valeur") && page.text.contains("Durée de validité"))
            for text in ["PRIX CHARGEMENT", "50,00\u{00A0}€", "100,00\u{00A0}€", "10,00\u{00A0}€", "47,50\u{00A0}€", "95,00\u{00A0}€", "9,50\u{00A0}€", "5%",
                         "<strong class=\"cart-total\">152,00\u{00A0}€</strong>", "- 8,00\u{00A0}€",
                         "En cochant cette case, j&#39;accepte"] {
                #expect(cart.text.contains(text) || cart.text.contains(text.replacingOccurrences(of: "&#39;", with: "'")), "\(text)")
            }
            #expect(noTerms.status == .unprocessableContent && noTerms.text.contains("Cochez la case pour accepter"))
            #expect(placed.status == .seeOther)
            #expect(payment.text.contains("Commande N° CMD-000001") && payment.text.contains("152,00\u{00A0}€"))
            #expect(payment.text.contains("En attente de paiement"))
            #expect(try await marie.get("/panier").text.contains("Votre panier est vide."))
        }
    }

    @Test("the guide's e-mail order: 10 + 20 + 30 + 40 € at 5 % totals 95.00 €", arguments: [TestEngine.sqlite])
    func guideEmailOrder(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let product = try await Self.productID(database)
            for amount in ["10", "20", "30", "40"] {
                try await marie.post("/panier/lignes", ["product": product, "amount": amount, "quantity": "1"])
            }
            #expect(try await marie.get("/panier").text.contains("<strong class=\"cart-total\">95,00\u{00A0}€</strong>"))
        }
    }

    @Test("bad amounts, quantities and tampered product ids get a French message and change nothing", arguments: [
        (["amount": "5", "quantity": "1"], "Le montant doit être compris entre 10,00"),
        (["amount": "12.50", "quantity": "1"], "euros entiers"),
        (["amount": "dix", "quantity": "1"], "euros entiers"),
        (["amount": "-20", "quantity": "1"], "Le montant doit être compris"),
        (["amount": "50", "quantity": "0"], "La quantité doit être comprise entre 1 et 10."),
        (["amount": "50", "quantity": "99"], "La quantité doit être comprise entre 1 et 10."),
        (["amount": "50", "quantity": "1", "product": "00000000-0000-0000-0000-000000000000"], "pas proposé par votre CSE"),
        (["amount": "50", "quantity": "1", "product": "pas-un-id"], "pas proposé par votre CSE"),
    ])
    func badLines(fields: [String: String], message: String) async throws {
        try await withShop(.sqlite) { client, database in
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            var form = ["product": try await Self.productID(database)]
            form.merge(fields) { $1 }
            let response = try await marie.post("/panier/lignes", form)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(message), "\(fields)")
            #expect(try await CartLine.query(on: database.db).count() == 0)
        }
    }

    @Test("another employee's cart line and order are out of reach", arguments: [TestEngine.sqlite])
    func ownership(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Marie fills her cart and orders
            let marie = TestBrowser(client), paul = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            _ = try await paul.logIn("paul.martin@demo.test")
            let product = try await Self.productID(database)
            try await marie.post("/panier/lignes", ["product": product, "amount": "50", "quantity": "1"])
            let line = try #require(try await CartLine.query(on: database.db).first()?.id)
            // act: Paul (CSE Bêta) tries Marie's line, and Alpha's product
            let change = try await paul.post("/panier/lignes/\(line)", ["quantity": "5"])
            let remove = try await paul.post("/panier/lignes/\(line)/supprimer", [:])
            let foreign = try await paul.post("/panier/lignes", ["product": product, "amount": "50", "quantity": "1"])
            try await marie.post("/commandes", ["terms": "on"])
            let order = try #require(try await Order.query(on: database.db).first()?.id)
            let peek = try await paul.get("/commandes/\(order)/paiement")
            // check
            #expect(change.status == .unprocessableContent && remove.status == .unprocessableContent)
            #expect(change.text.contains("plus dans votre panier"))
            #expect(peek.status == .notFound)
            // the demo product is offered to both CSEs, so Paul may buy it for his own CSE
            #expect(foreign.status == .seeOther)
            let left = try await CartLine.query(on: database.db).all()
            #expect(left.count == 1 && left.first?.quantity == 1)
        }
    }

    @Test("visitors are sent to the login page and managers get 403 on the cart", arguments: [TestEngine.sqlite])
    func roles(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            #expect(try await TestBrowser(client).get("/panier").headers[.location] == "/connexion?retour=/panier")
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            #expect(try await manager.get("/panier").status == .forbidden)
            #expect(try await manager.get("/produits/e-carte-economies").status == .forbidden)
        }
    }

    @Test("the terms of sale page exists", arguments: [TestEngine.sqlite])
    func terms(engine: TestEngine) async throws {
        try await withShop(engine) { client, _ in
            let page = try await TestBrowser(client).get("/cgv")
            #expect(page.status == .ok && page.text.contains("Conditions générales de vente"))
            let legal = try await TestBrowser(client).get("/mentions-legales")
            #expect(legal.status == .ok && legal.text.contains("SIREN") && legal.text.contains("Boutique Démo"))
        }
    }
}
