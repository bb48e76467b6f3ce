import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("Order placement")
struct OrderPlacementTests {
    /// The demo data plus `count` extra active employees of alpha, each with the guide's cart.
    static func employees(_ count: Int, _ database: BoutiqueDatabase, prefix: String = "salarie") async throws -> [AccountActor] {
        try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
        let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
        let product = try #require(try await Product.query(on: database.db).first())
        var actors: [AccountActor] = []
        for n in 0..<count {
            let user = User(tenantID: alpha.id, role: .employee, status: .active, email: "\(prefix)\(n)@alpha.test", passwordHash: "x",
                            civility: "M.", firstName: "Salarié", lastName: "\(n)", phone: "0600000000")
            try await user.create(on: database.db)
            let actor = try AccountActor(user)
            for euros in ["50", "100", "10"] {
                try await Cart(database: database).add(actor: actor, productID: product.id, amount: euros, quantity: "1")
            }
            actors.append(actor)
        }
        return actors
    }

    @Test("200 concurrent orders from 200 employees get 200 distinct consecutive numbers", arguments: TestEngine.available)
    func concurrentNumbers(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let actors = try await Self.employees(200, database)
            let orders = Orders(database: database)
            // act
            let references = try await withThrowingTaskGroup(of: String.self) { group in
                for actor in actors {
                    group.addTask { try await orders.place(actor: actor, acceptedTerms: true).reference }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // check
            #expect(Set(references).count == 200)
            let numbers = try await Order.query(on: database.db).all().map(\.number).sorted()
            #expect(numbers == Array(1...200))
            #expect(references.contains("CMD-000001") && references.contains("CMD-000200"))
            let totals = try await Order.query(on: database.db).all().map(\.totalCents)
            #expect(totals.allSatisfy { $0 == 15_200 })
            #expect(try await CartLine.query(on: database.db).count() == 0)
        }
    }

    @Test("an order keeps a snapshot of its lines, totals and the awaiting-payment status", arguments: TestEngine.available)
    func snapshot(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let actor = try #require(try await Self.employees(1, database).first)
            // act
            let order = try await Orders(database: database).place(actor: actor, acceptedTerms: true)
            try await Product.query(on: database.db).set(\.$name, to: "Nom changé ensuite").update()
            // check
            let saved = try #require(try await Orders(database: database).order(id: order.id, actor: actor))
            #expect(saved.status == .awaitingPayment)
            #expect(saved.totalCents == 15_200 && saved.savingsCents == 800 && saved.faceTotalCents == 16_000)
            #expect(saved.lines.sorted { $0.position < $1.position }.map(\.priceCents) == [4_750, 9_500, 950])
            #expect(saved.lines.allSatisfy { $0.productName == "e-Carte Économies" && $0.discountBasisPoints == 500 })
        }
    }

    @Test("the order limit, the yearly cap and the terms are enforced and change nothing", arguments: TestEngine.available)
    func limits(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let actor = try #require(try await Self.employees(1, database).first)
            let alpha = try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
            let orders = Orders(database: database)
            // act / check: terms
            await #expect(throws: FormErrors("terms", OrderMessages.termsRequired)) { try await orders.place(actor: actor, acceptedTerms: false) }
            // order limit 100 €
            alpha.settings.maxOrderCents = 10_000
            try await alpha.save(on: database.db)
            let limit = await #expect(throws: FormErrors.self) { try await orders.place(actor: actor, acceptedTerms: true) }
            #expect(limit?["form"]?.contains("ne peut pas dépasser 100,00\u{00A0}€") == true)
            // yearly cap: 200 € a year, 152 € already validated this year
            alpha.settings.maxOrderCents = nil
            alpha.settings.yearlyCapCents = 20_000
            try await alpha.save(on: database.db)
            let paid = Order(number: 999, tenantID: try alpha.requireID(), userID: actor.id, status: .validated,
                             faceTotalCents: 16_000, totalCents: 15_200, savingsCents: 800, termsAcceptedAt: Date())
            try await paid.create(on: database.db)
            let cap = await #expect(throws: FormErrors.self) { try await orders.place(actor: actor, acceptedTerms: true) }
            #expect(cap?["form"]?.contains("il vous reste 48,00\u{00A0}€") == true)
            #expect(try await Order.query(on: database.db).count() == 1)
            #expect(try await CartLine.query(on: database.db).count() == 3)
        }
    }

    @Test("invalid amounts and quantities, and another CSE's or a disabled product, are refused", arguments: [TestEngine.sqlite])
    func invalidLines(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup
            let actor = try #require(try await Self.employees(1, database).first)
            let cart = Cart(database: database)
            let product = try #require(try await Product.query(on: database.db).first())
            let before = try await CartLine.query(on: database.db).count()
            // act / check
            for (amount, quantity, field) in [("9", "1", "amount"), ("1501", "1", "amount"), ("-50", "1", "amount"), ("50,5", "1", "amount"),
                                             ("50.00", "1", "amount"), ("cinquante", "1", "amount"), ("", "1", "amount"),
                                             ("99999999999", "1", "amount"), ("50", "0", "quantity"), ("50", "11", "quantity"),
                                             ("50", "deux", "quantity")] {
                let error = await #expect(throws: FormErrors.self) {
                    try await cart.add(actor: actor, productID: product.id, amount: amount, quantity: quantity)
                }
                #expect(error?[field] != nil, "\(amount) × \(quantity)")
            }
            await #expect(throws: FormErrors("product", OrderMessages.productUnavailable)) {
                try await cart.add(actor: actor, productID: UUID(), amount: "50", quantity: "1")
            }
            product.isEnabled = false
            try await product.save(on: database.db)
            await #expect(throws: FormErrors("product", OrderMessages.productUnavailable)) {
                try await cart.add(actor: actor, productID: product.id, amount: "50", quantity: "1")
            }
            #expect(try await CartLine.query(on: database.db).count() == before)
            // a disabled product leaves the cart and the order
            await #expect(throws: FormErrors("form", OrderMessages.cartEmpty)) {
                try await Orders(database: database).place(actor: actor, acceptedTerms: true)
            }
        }
    }

    @Test("the same product and amount added twice is one line with the quantities added", arguments: [TestEngine.sqlite])
    func merging(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let actor = try #require(try await Self.employees(1, database).first)
            let product = try #require(try await Product.query(on: database.db).first())
            try await Cart(database: database).add(actor: actor, productID: product.id, amount: "50", quantity: "2")
            let summary = try await Cart(database: database).summary(actor: actor)
            #expect(summary.lines.count == 3)
            #expect(summary.lines.first { $0.faceValue.cents == 5_000 }?.quantity == 3)
            #expect(summary.total.french == "247,00\u{00A0}€")
        }
    }

    @Test("the cart shows the CSE's current rate, and drops the lines whose offer or product left the catalogue",
          arguments: TestEngine.available)
    func currentCatalogue(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: the guide's cart (50 €, 100 € and 10 € cards at 5 %) and a line of a second product at 3 %
            let actor = try #require(try await Self.employees(1, database).first)
            let cart = Cart(database: database)
            let first = try #require(try await Product.query(on: database.db).first())
            let second = Product(slug: "librairie", name: "Librairie du Centre", retailer: "Librairie du Centre",
                                 description: "Livres", minAmountCents: 1_000, maxAmountCents: 20_000, maxQuantity: 5,
                                 usageConditions: "En magasin", excludedCategories: [], defaultDiscountBasisPoints: 300)
            try await second.create(on: database.db)
            try await TenantProduct(tenantID: try #require(actor.tenantID), productID: try second.requireID()).create(on: database.db)
            try await cart.add(actor: actor, productID: second.id, amount: "30", quantity: "1")
            func offer(_ product: Product) async throws -> TenantProduct {
                try #require(try await TenantProduct.query(on: database.db).filter(\.$tenant.$id == actor.tenantID!)
                    .filter(\.$product.$id == product.id!).first())
            }
            let before = try await cart.summary(actor: actor)
            #expect(before.lines.count == 4 && before.total.french == "181,10\u{00A0}€", "152,00\u{00A0}€ + 29,10\u{00A0}€")
            // act: the CSE stops offering the second product, and negotiates 10 % on the first
            let secondOffer = try await offer(second)
            secondOffer.isEnabled = false
            try await secondOffer.save(on: database.db)
            let firstOffer = try await offer(first)
            firstOffer.discountBasisPoints = 1_000
            try await firstOffer.save(on: database.db)
            // check
            let summary = try await cart.summary(actor: actor)
            #expect(summary.lines.map(\.productName) == [first.name, first.name, first.name])
            #expect(Set(summary.lines.map(\.faceValue.cents)) == [5_000, 10_000, 1_000])
            #expect(summary.faceTotal.french == "160,00\u{00A0}€" && summary.total.french == "144,00\u{00A0}€" && summary.savings.french == "16,00\u{00A0}€")
            // act: the product itself is withdrawn
            first.isEnabled = false
            try await first.save(on: database.db)
            // check: nothing left to order, and the lines stay for when it comes back
            #expect(try await cart.summary(actor: actor).lines.isEmpty)
            #expect(try await CartLine.query(on: database.db).count() == 4)
        }
    }
}
