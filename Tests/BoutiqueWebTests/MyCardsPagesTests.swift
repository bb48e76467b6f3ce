import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import NIOFoundationCompat
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Personal space: cards")
struct MyCardsPagesTests {
    /// Marie orders 2 × 44 € (or `fortyFours`) and 1 × 33 €; the order is validated and its cards issued.
    static func activatedOrder(_ database: BoutiqueDatabase, fortyFours: Int = 2) async throws -> Order {
        let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
        let actor = try AccountActor(marie)
        let product = try #require(try await Product.query(on: database.db).first())
        try await Cart(database: database).add(actor: actor, productID: product.id, amount: "33", quantity: "1")
        try await Cart(database: database).add(actor: actor, productID: product.id, amount: "44", quantity: "\(fortyFours)")
        let order = try await Orders(database: database).place(actor: actor, acceptedTerms: true)
        try await Order.query(on: database.db).filter(\.$id == order.id).set(\.$status, to: .validated).set(\.$invoiceNumber, to: 1).update()
        let composer = try await MailComposer(settings: MailSettings())
        let issuance = CardIssuance(database: database, issuer: CardIssuer(database: database, secrets: try #require(testCardSecrets),
                                                                           prefix: try CardIssuerPrefix("5032")), composer: composer)
        try await issuance.issue(orderID: order.id)
        try await issuance.issue(orderID: order.id)
        return try #require(try await Order.find(order.id, on: database.db))
    }

    @Test("a payment in a store shows the store's name among the card's movements, not the till's code", arguments: TestEngine.available)
    func movementStoreName(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: the till's store is in the store table; a second card is spent at an unknown code
            let order = try await Self.activatedOrder(database)
            let csv = "code;brand;name;address;postcode;city;latitude;longitude\n\(TestTill.storeCode);Market;Market Le Mans Gare;1 place du 8-Mai;72000;Le Mans;47.995;0.192\n"
            _ = try await StoreImport(database: database).run(actor: .commandLine, csv: csv)
            let secrets = try #require(testCardSecrets)
            let till = try await TestTill.open(database, secrets: secrets)
            let card = try #require(try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).first)
            _ = try await till.spend(number: try secrets.number(of: card), pin: try secrets.pin(of: card), cents: 1_250).get()
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let detail = try await marie.get("/compte/cartes/\(card.id)")
            // check
            #expect(detail.text.contains("<td data-label=\"Magasin\">Market Le Mans Gare</td>"))
            #expect(!detail.text.contains(TestTill.storeCode))
        }
    }

    @Test("after activation the cards are listed masked, with their balance, ledger, PDF and phone view", arguments: TestEngine.available)
    func cards(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await Self.activatedOrder(database)
            let marie = TestBrowser(client), mail = TestMail(database: database)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let list = try await marie.get("/compte/cartes")
            let owner: UUID = order.$user.id
            let cardIDs = try await CardLedger.cards(ownerID: owner, on: database.sql).map(\.id)
            let detail = try await marie.get("/compte/cartes/\(cardIDs[0])")
            let pdf = try await marie.get("/compte/cartes/\(cardIDs[0])/e-carte.pdf")
            let phone = try await marie.get("/compte/cartes/\(cardIDs[0])/telephone")
            // check
            #expect(order.status == .activated)
            #expect(cardIDs.count == 3)
            #expect(try await mail.last(to: "marie.dupont@demo.test")?.subject == "Vos e-Cartes sont disponibles (CMD-000001)")
            #expect(list.text.contains("CMD-000001 e-Carte Économies - 5032XXXXXXXXXXX"))
            #expect(list.text.contains("44,00\u{00A0}€") && list.text.contains("33,00\u{00A0}€"))
            #expect(list.text.contains("Revente / Utilisable sur tout le magasin sauf carburant"))
            #expect(!list.text.contains("5032 "))
            #expect(detail.text.contains("Chargement") && detail.text.contains("Consulter le solde"))
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(String(buffer: pdf.body).hasPrefix("%PDF-"))
            #expect(phone.text.contains("<svg") && phone.text.contains("Afficher le code PIN"))
        }
    }

    @Test("another employee, of the same CSE or not, gets 404 on every URL of someone else's card, order and invoice",
          arguments: [TestEngine.sqlite])
    func ownership(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: Marie's order and cards; Paul (CSE Bêta) and Julie (CSE Alpha, like Marie)
            let order = try await Self.activatedOrder(database)
            let owner: UUID = order.$user.id
            let card = try #require(try await CardLedger.cards(ownerID: owner, on: database.sql).first?.id)
            let alpha = try #require(try await BoutiqueShopTestData.tenant("alpha", database))
            try await User(tenantID: alpha.id, role: .employee, status: .active, email: "julie@alpha.test",
                           passwordHash: PasswordHasher(cost: 4).hash("une phrase de passe solide"), civility: "Mme",
                           firstName: "Julie", lastName: "Collègue", phone: "0600000000").create(on: database.db)
            let paul = TestBrowser(client), julie = TestBrowser(client)
            _ = try await paul.logIn("paul.martin@demo.test")
            _ = try await julie.logIn("julie@alpha.test", password: "une phrase de passe solide")
            for intruder in [paul, julie] {
                // act / check
                for uri in ["/compte/cartes/\(card)", "/compte/cartes/\(card)/e-carte.pdf", "/compte/cartes/\(card)/telephone",
                            "/compte/commandes/\(try order.requireID())/facture", "/commandes/\(try order.requireID())/paiement",
                            "/compte/cartes/pas-un-id"] {
                    #expect(try await intruder.get(uri).status == .notFound, "\(uri)")
                }
                let send = try await intruder.post("/compte/cartes/\(card)/envoyer", ["email": "x@y.test", "name": "X"])
                #expect(send.status == .notFound)
                #expect(!(try await intruder.get("/compte/cartes")).text.contains("CMD-000001"))
                #expect(!(try await intruder.get("/compte/commandes")).text.contains("CMD-000001"))
            }
            #expect(try await CardSending.query(on: database.db).count() == 0)
        }
    }

    @Test("sending a card e-mails the PDF to the recipient and the card shows it", arguments: TestEngine.available)
    func send(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await Self.activatedOrder(database)
            let owner: UUID = order.$user.id
            let card = try #require(try await CardLedger.cards(ownerID: owner, on: database.sql).first?.id)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act
            let tooLong = try await marie.post("/compte/cartes/\(card)/envoyer", ["email": "lea@exemple.test", "name": "Léa",
                                                                                  "message": String(repeating: "a", count: 501)])
            let sent = try await marie.post("/compte/cartes/\(card)/envoyer", ["email": "lea@exemple.test", "name": "Léa",
                                                                               "message": "Joyeux anniversaire !"])
            let received = try await TestMail(database: database).last(to: "lea@exemple.test")
            // check
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains("ne peut pas dépasser 500 caractères"))
            #expect(sent.status == .seeOther)
            #expect(received?.subject.contains("vous envoie une e-Carte") == true)
            #expect(received?.text.contains("Joyeux anniversaire !") == true)
            #expect(received?.attachments.first?.contentType == "application/pdf")
            #expect(received?.attachments.first.map { String(decoding: $0.data.prefix(5), as: UTF8.self) } == "%PDF-")
            #expect(try await marie.get("/compte/cartes").text.contains("Envoyée à Léa (lea@exemple.test)"))
        }
    }

    @Test("one card is sent at most 3 times a day, even in parallel: the others are refused in French and queue nothing",
          arguments: TestEngine.available)
    func sendingThrottle(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let order = try await Self.activatedOrder(database)
            let card = try #require(try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).first?.id)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act: ten sendings at once, each to another address
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await marie.post("/compte/cartes/\(card)/envoyer", ["email": "ami\(index)@exemple.test", "name": "Ami \(index)"]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let refused = try await marie.post("/compte/cartes/\(card)/envoyer", ["email": "encore@exemple.test", "name": "Encore"])
            // check
            #expect(statuses.filter { $0 == .seeOther }.count == CardGifts.perCardLimit)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Vous avez déjà envoyé plusieurs e-Cartes aujourd&#39;hui"))
            let jobs = try await database.sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: CardGifts.kind)").first()?
                .decode(column: "n", as: Int.self)
            #expect(jobs == CardGifts.perCardLimit)
        }
    }
}

extension MyCardsPagesTests {
    @Test("one holder sends at most 10 cards a day across their cards, even in parallel: the others are refused in French and queue nothing",
          arguments: TestEngine.available)
    func holderSendingThrottle(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: five cards, so that the per-card limit (3) never decides
            let order = try await Self.activatedOrder(database, fortyFours: 4)
            let cards = try await CardLedger.cards(ownerID: order.$user.id, on: database.sql).map(\.id)
            try #require(cards.count == 5)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            // act: three sendings of each of four cards at once (12), then one of the fifth card
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (position, card) in cards.prefix(4).enumerated() {
                    for index in 0..<CardGifts.perCardLimit {
                        group.addTask {
                            try await marie.post("/compte/cartes/\(card)/envoyer", ["email": "ami\(position)-\(index)@exemple.test",
                                                                                    "name": "Ami \(position)"]).status
                        }
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let fifth = try await marie.post("/compte/cartes/\(cards[4])/envoyer", ["email": "encore@exemple.test", "name": "Encore"])
            // check
            #expect(CardGifts.perHolderLimit == 10)
            #expect(statuses.count == 12 && statuses.filter { $0 == .seeOther }.count == CardGifts.perHolderLimit)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 12 - CardGifts.perHolderLimit)
            #expect(fifth.status == .unprocessableContent && fifth.text.contains("Vous avez déjà envoyé plusieurs e-Cartes aujourd&#39;hui"))
            let jobs = try await database.sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: CardGifts.kind)").first()?
                .decode(column: "n", as: Int.self)
            #expect(jobs == CardGifts.perHolderLimit)
        }
    }
}

@Suite("Downloaded e-card barcode")
struct DownloadedCardBarcodeTests {
    static var toolsAvailable: Bool {
        ["/usr/bin/pdftoppm", "/usr/bin/zbarimg"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) async throws -> String {
        try await Blocking.output(of: tool, arguments)
    }

    @Test("the PDF downloaded from the personal space scans at the till: zbarimg reads exactly the card number",
          .enabled(if: toolsAvailable || ProcessInfo.processInfo.environment["CI"] == "true"))
    func scans() async throws {
        try await withShop(.sqlite) { client, database in
            // setup
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let owner: UUID = order.$user.id
            let record = try #require(try await CardLedger.cards(ownerID: owner, on: database.sql).first)
            let number = try #require(testCardSecrets).number(of: record).digits
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecard-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            // act
            let pdf = try await marie.get("/compte/cartes/\(record.id)/e-carte.pdf")
            try Data(buffer: pdf.body).write(to: folder.appendingPathComponent("card.pdf"))
            _ = try await Self.run("/usr/bin/pdftoppm", ["-r", "150", "-png", folder.appendingPathComponent("card.pdf").path,
                                                         folder.appendingPathComponent("page").path])
            let page = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".png") })
            let decoded = try await Self.run("/usr/bin/zbarimg", ["--raw", "-q", folder.appendingPathComponent(page).path])
            // check
            #expect(decoded.trimmingCharacters(in: .whitespacesAndNewlines) == number)
        }
    }
}
