import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import FluentKit
import Foundation
import BoutiqueTestSupport
import HummingbirdTesting
import Testing

/// A person with a footprint in every table that can hold personal data: an active employee of
/// CSE Alpha on the CSE's expected list, with a paid and activated order (an invoice, two cards,
/// one spent in part and then sent to a friend), a cart line, a contact message, a reset request,
/// a password change, logins, and the e-mails these sent, delivered to the kept mailbox.
struct PrivacyFixture {
    static let email = "zephyrine.quillembert@exemple.test"
    static let firstName = "Zéphyrine"
    static let lastName = "Quillembert"
    static let phone = "0611223344"
    static let password = "une phrase de passe solide"
    static let newPassword = "une autre phrase bien longue"
    /// Everything that names her, searched in every text column.
    static let needles = [email, firstName, lastName, phone]

    let database: BoutiqueDatabase
    let browser: TestBrowser
    let userID: UUID
    let order: Order
    let till: TestTill

    static func make(_ client: any TestClientProtocol, _ database: BoutiqueDatabase) async throws -> PrivacyFixture {
        let alpha = try #require(try await BoutiqueShopTestData.tenant("alpha", database))
        let user = User(tenantID: alpha.id, role: .employee, status: .active, email: email,
                        passwordHash: PasswordHasher(cost: 4).hash(password), civility: "Mme", firstName: firstName, lastName: lastName,
                        phone: phone)
        try await user.create(on: database.db)
        let expected = ExpectedEmployee()
        expected.$tenant.id = try alpha.requireID()
        (expected.email, expected.lastName, expected.firstName) = (email, lastName, firstName)
        try await expected.create(on: database.db)
        let userID = try user.requireID()
        let till = try await TestTill.open(database, secrets: try #require(testCardSecrets))
        let order = try await Self.activatedOrder(for: try AccountActor(user), till: till, database)
        let browser = TestBrowser(client)
        _ = try await browser.post("/mot-de-passe/oubli", ["email": email])
        _ = try await browser.logIn(email, password: password)
        _ = try await browser.post("/compte/mot-de-passe", ["currentPassword": password, "password": newPassword,
                                                            "passwordConfirmation": newPassword])
        let cards = try await CardLedger.cards(ownerID: userID, on: database.sql)
        let gift = try #require(cards.last)
        _ = try await browser.post("/compte/cartes/\(gift.id)/envoyer", ["email": "ami.proche@exemple.test", "name": "Ami Proche",
                                                                        "message": "De la part de \(firstName)"])
        _ = try await browser.post("/contact", ["email": email, "subject": "Question", "message": "Bonjour, ici \(firstName) \(lastName)."])
        let product = try #require(try await Product.query(on: database.db).first())
        try await Cart(database: database).add(actor: try AccountActor(user), productID: product.id, amount: "20", quantity: "1")
        try await TestMail(database: database).deliver()
        return PrivacyFixture(database: database, browser: browser, userID: userID, order: order, till: till)
    }

    /// 2 × 25 € paid (invoice FAC-000001) and issued; the second card then spends 10 €.
    static func activatedOrder(for actor: AccountActor, till: TestTill, _ database: BoutiqueDatabase) async throws -> Order {
        let product = try #require(try await Product.query(on: database.db).first())
        try await Cart(database: database).add(actor: actor, productID: product.id, amount: "25", quantity: "2")
        let placed = try await Orders(database: database).place(actor: actor, acceptedTerms: true)
        try await Order.query(on: database.db).filter(\.$id == placed.id).set(\.$status, to: .validated).set(\.$invoiceNumber, to: 1).update()
        let composer = try await MailComposer(settings: MailSettings())
        let issuance = CardIssuance(database: database, issuer: CardIssuer(database: database, secrets: try #require(testCardSecrets),
                                                                           prefix: try CardIssuerPrefix("5032")), composer: composer)
        try await issuance.issue(orderID: placed.id)
        let cards = try await CardLedger.cards(ownerID: actor.id, on: database.sql)
        let spent = try #require(cards.last), secrets = try #require(testCardSecrets)
        _ = try await till.spend(number: try secrets.number(of: spent), pin: try secrets.pin(of: spent), cents: 1_000).get()
        return try #require(try await Order.find(placed.id, on: database.db))
    }

    /// What closing gives up: 25 €, the untouched card (the other, spent to 15 €, was sent to a friend).
    static let balanceAtRiskCents = 2_500
}

/// Every text column of every table, read from the database's own catalogue (never a list kept
/// by hand, which a new table would escape), and the rows where one holds `needle`.
enum PersonalDataScan {
    /// `table.column` of every text column holding any of `needles` (case-insensitive).
    static func columns(holding needles: [String], in database: BoutiqueDatabase) async throws -> Set<String> {
        var found = Set<String>()
        for (table, column) in try await textColumns(database) {
            for needle in needles {
                let pattern = "%" + needle.lowercased() + "%"
                let rows = try await database.sql.raw("""
                    SELECT COUNT(*) AS n FROM \(ident: table) WHERE LOWER(CAST(\(ident: column) AS TEXT)) LIKE \(bind: pattern)
                    """).first()
                if try rows?.decode(column: "n", as: Int.self) ?? 0 > 0 { found.insert("\(table).\(column)") }
            }
        }
        return found
    }

    static func textColumns(_ database: BoutiqueDatabase) async throws -> [(String, String)] {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            var columns: [(String, String)] = []
            let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            for table in tables {
                for row in try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all() {
                    let type = try row.decode(column: "type", as: String.self).uppercased()
                    // SQLite's affinity: any declared type with CHAR, CLOB or TEXT stores text; so does an untyped column.
                    if type.isEmpty || ["CHAR", "CLOB", "TEXT"].contains(where: type.contains) {
                        columns.append((table, try row.decode(column: "name", as: String.self)))
                    }
                }
            }
            return columns
        }
        return try await sql.raw("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
            """).all().map { (try $0.decode(column: "table_name", as: String.self), try $0.decode(column: "column_name", as: String.self)) }
    }
}
