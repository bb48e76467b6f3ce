import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// Every route of both consoles against every kind of visitor: anonymous → the login page, an
/// employee → 403, a manager of another CSE → 404 on the first CSE's ids (their own list
/// otherwise), a manager on the operator's console → 403, and the right role → the page or the
/// action. A console route missing from the table fails the test.
@Suite("Authorisation matrix")
struct AuthorizationMatrixTests {
    enum Console { case manager, managerOrOperator, `operator` }

    struct Route {
        let method: HTTPRequest.Method
        /// As registered, e.g. `/gestion/dotations/:id`.
        let template: String
        let path: String
        let console: Console
        /// Whether the path names an id of CSE Alpha (another CSE's manager gets 404).
        let ownsID: Bool
        var fields: [(String, String)] = []
        /// The right role's answer.
        var expected: HTTPResponse.Status
        /// Another CSE's manager naming this CSE's employee in a form: refused as input (422).
        var otherManagerGets: HTTPResponse.Status? = nil
    }

    /// Ids of CSE Alpha's data the routes name.
    struct Fixture {
        let order, pendingA, pendingB, marie, key, dotation, job: String
        let tenant, product, posClient, posKey, mail: String
        /// A second manager of CSE Alpha, whose access the operator removes.
        var secondManager = ""
    }

    static func fixture(_ database: BoutiqueDatabase, client: any TestClientProtocol) async throws -> Fixture {
        let order = try await MyCardsPagesTests.activatedOrder(database)
        let alpha = try await AccountFlowTests.tenantID("alpha", database)
        let mail = TestMail(database: database)
        var pending: [String] = []
        for email in ["attente.a@alpha.test", "attente.b@alpha.test"] {
            let browser = TestBrowser(client)
            _ = try await browser.post("/compte/creer", AccountFlowTests.registration(email: email, tenant: alpha))
            _ = try await browser.get(try #require(TestMail.link(in: try await mail.last(to: email), path: "/compte/valider")))
            pending.append(try #require(try await User.query(on: database.db).filter(\.$email == email).first()?.requireID()).uuidString)
        }
        let marie = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first())
        let manager = TestBrowser(client)
        _ = try await manager.logIn("gestion.alpha@demo.test")
        _ = try await manager.post("/gestion/cles", ["label": "Clé de test"])
        let key = try #require(try await IdentificationKey.query(on: database.db).filter(\.$label == "Clé de test").first()?.requireID())
        let created = try await manager.post("/gestion/dotations", pairs: [("event", "retirement"), ("date", "2026-12-18"),
                                                                            ("lines[]", "\(try marie.requireID().uuidString):5000")])
        let dotation = try #require(created.headers[.location]?.split(separator: "?").first?.split(separator: "/").last.map(String.init))
        let job = try #require(try await JobQueue(database: database).list(states: [.pending, .done, .dead]).first?.id)
        let product = try #require(try await Product.query(on: database.db).first()?.requireID())
        let posClient = try await POSClients(database: database).create(actor: .commandLine, name: "Maison Lumière", storeCodes: ["ML-1"]).clientID
        let posKey = try #require(try await database.sql.raw("SELECT id FROM pos_keys WHERE pos_client_id = \(bind: posClient)").first()?
            .decode(column: "id", as: UUID.self))
        let message = try #require(try await Mailbox(database: database).list().first?.id)
        let secondManager = User(tenantID: alpha, role: .manager, status: .active, email: "second.gestion@alpha.test", passwordHash: "",
                                 civility: "", firstName: "Second", lastName: "Gestion")
        try await secondManager.create(on: database.db)
        var fixture = Fixture(order: try order.requireID().uuidString, pendingA: pending[0], pendingB: pending[1],
                              marie: try marie.requireID().uuidString, key: key.uuidString, dotation: dotation, job: String(job),
                              tenant: alpha.uuidString, product: product.uuidString, posClient: posClient.uuidString,
                              posKey: posKey.uuidString, mail: String(message))
        fixture.secondManager = try secondManager.requireID().uuidString
        return fixture
    }

    static func routes(_ f: Fixture) -> [Route] {
        let marieLine = ("lines[]", "\(f.marie):2000")
        return [
            Route(method: .get, template: "/gestion", path: "/gestion", console: .manager, ownsID: false, expected: .ok),
            Route(method: .get, template: "/gestion/comptes", path: "/gestion/comptes", console: .managerOrOperator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/gestion/comptes/:id/valider", path: "/gestion/comptes/\(f.pendingA)/valider",
                  console: .managerOrOperator, ownsID: true, expected: .seeOther),
            Route(method: .post, template: "/gestion/comptes/:id/refuser", path: "/gestion/comptes/\(f.pendingB)/refuser",
                  console: .managerOrOperator, ownsID: true, fields: [("reason", "Inconnu du CSE")], expected: .seeOther),
            Route(method: .get, template: "/gestion/salaries", path: "/gestion/salaries", console: .manager, ownsID: false, expected: .ok),
            Route(method: .get, template: "/gestion/salaries/import", path: "/gestion/salaries/import", console: .manager, ownsID: false, expected: .ok),
            Route(method: .post, template: "/gestion/salaries/import", path: "/gestion/salaries/import", console: .manager, ownsID: false,
                  fields: [("csv", "email;nom;prenom\nattendu@alpha.test;Attendu;Paul")], expected: .ok),
            Route(method: .get, template: "/gestion/cles", path: "/gestion/cles", console: .manager, ownsID: false, expected: .ok),
            Route(method: .post, template: "/gestion/cles", path: "/gestion/cles", console: .manager, ownsID: false,
                  fields: [("label", "Autre clé")], expected: .seeOther),
            Route(method: .get, template: "/gestion/cles/:id/revoquer", path: "/gestion/cles/\(f.key)/revoquer", console: .manager,
                  ownsID: true, expected: .ok),
            Route(method: .post, template: "/gestion/cles/:id/revoquer", path: "/gestion/cles/\(f.key)/revoquer", console: .manager,
                  ownsID: true, expected: .seeOther),
            Route(method: .get, template: "/gestion/commandes", path: "/gestion/commandes", console: .manager, ownsID: false, expected: .ok),
            Route(method: .get, template: "/gestion/dotations", path: "/gestion/dotations", console: .manager, ownsID: false, expected: .ok),
            Route(method: .get, template: "/gestion/dotations/nouvelle", path: "/gestion/dotations/nouvelle", console: .manager, ownsID: false,
                  expected: .ok),
            Route(method: .post, template: "/gestion/dotations/apercu", path: "/gestion/dotations/apercu", console: .manager, ownsID: false,
                  fields: [("event", "retirement"), ("date", "2026-12-18"), marieLine], expected: .ok, otherManagerGets: .unprocessableContent),
            Route(method: .post, template: "/gestion/dotations", path: "/gestion/dotations", console: .manager, ownsID: false,
                  fields: [("event", "retirement"), ("date", "2026-12-18"), marieLine], expected: .seeOther,
                  otherManagerGets: .unprocessableContent),
            Route(method: .get, template: "/gestion/dotations/:id", path: "/gestion/dotations/\(f.dotation)", console: .manager, ownsID: true,
                  expected: .ok),
            Route(method: .get, template: "/gestion/dotations/:id/facture", path: "/gestion/dotations/\(f.dotation)/facture",
                  console: .manager, ownsID: true, expected: .ok),
            // Not cancelled: no credit note, for its own manager too.
            Route(method: .get, template: "/gestion/dotations/:id/avoir", path: "/gestion/dotations/\(f.dotation)/avoir",
                  console: .manager, ownsID: true, expected: .notFound),
            Route(method: .get, template: "/gestion/exports", path: "/gestion/exports", console: .manager, ownsID: false, expected: .ok),
            Route(method: .get, template: "/gestion/exports/:file", path: "/gestion/exports/cartes.csv", console: .manager, ownsID: false,
                  expected: .ok),
            Route(method: .get, template: "/gestion/journal", path: "/gestion/journal", console: .manager, ownsID: false, expected: .ok),
            Route(method: .post, template: "/gestion/salaries/:id/desactiver", path: "/gestion/salaries/\(f.marie)/desactiver",
                  console: .manager, ownsID: true, expected: .seeOther),
            Route(method: .post, template: "/gestion/salaries/:id/reactiver", path: "/gestion/salaries/\(f.marie)/reactiver",
                  console: .manager, ownsID: true, expected: .seeOther),
            // The operator's console.
            Route(method: .get, template: "/admin/commandes", path: "/admin/commandes", console: .operator, ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/commandes/:id", path: "/admin/commandes/\(f.order)", console: .operator, ownsID: false,
                  expected: .ok),
            Route(method: .get, template: "/admin/travaux", path: "/admin/travaux", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/travaux/:id/relancer", path: "/admin/travaux/\(f.job)/relancer", console: .operator,
                  ownsID: false, expected: .notFound),
            Route(method: .get, template: "/admin/journal", path: "/admin/journal", console: .operator, ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/salaries", path: "/admin/salaries", console: .operator, ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/salaries/:id", path: "/admin/salaries/\(f.marie)", console: .operator, ownsID: false,
                  expected: .ok),
            Route(method: .post, template: "/admin/salaries/:id/donnees", path: "/admin/salaries/\(f.marie)/donnees", console: .operator,
                  ownsID: false, expected: .ok),
            // Marie's cards hold a balance: without the box ticked, her account stays open.
            Route(method: .post, template: "/admin/salaries/:id/fermer", path: "/admin/salaries/\(f.marie)/fermer", console: .operator,
                  ownsID: false, expected: .unprocessableContent),
            Route(method: .get, template: "/admin/dotations", path: "/admin/dotations", console: .operator, ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/dotations/:id", path: "/admin/dotations/\(f.dotation)", console: .operator, ownsID: false,
                  expected: .ok),
            Route(method: .get, template: "/admin/dotations/:id/facture", path: "/admin/dotations/\(f.dotation)/facture", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/dotations/:id/avoir", path: "/admin/dotations/\(f.dotation)/avoir", console: .operator,
                  ownsID: false, expected: .notFound),
            Route(method: .get, template: "/admin/commandes/:id/facture", path: "/admin/commandes/\(f.order)/facture", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/commandes/:id/avoir", path: "/admin/commandes/\(f.order)/avoir", console: .operator,
                  ownsID: false, expected: .notFound),
            // The cancellation's confirmation pages, while the dotation can still be cancelled.
            Route(method: .get, template: "/gestion/dotations/:id/annuler", path: "/gestion/dotations/\(f.dotation)/annuler",
                  console: .manager, ownsID: true, expected: .ok),
            Route(method: .get, template: "/admin/dotations/:id/annuler", path: "/admin/dotations/\(f.dotation)/annuler", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/dotations/:id/virement", path: "/admin/dotations/\(f.dotation)/virement", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/dotations/:id/virement", path: "/admin/dotations/\(f.dotation)/virement", console: .operator,
                  ownsID: false, fields: [("amount", "1"), ("receivedOn", FrenchCalendar.today(Date()).iso), ("reference", "?"), ("acceptsMismatch", "oui")],
                  expected: .seeOther),
            Route(method: .post, template: "/gestion/dotations/:id/annuler", path: "/gestion/dotations/\(f.dotation)/annuler",
                  console: .manager, ownsID: true, expected: .seeOther),
            Route(method: .post, template: "/admin/dotations/:id/annuler", path: "/admin/dotations/\(f.dotation)/annuler", console: .operator,
                  ownsID: false, expected: .seeOther),
            Route(method: .get, template: "/admin", path: "/admin", console: .operator, ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/exports/comptabilite.csv", path: "/admin/exports/comptabilite.csv", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/encours", path: "/admin/encours", console: .operator, ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/exports/encours.csv", path: "/admin/exports/encours.csv", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/exports/fec.txt", path: "/admin/exports/fec.txt", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .get, template: "/admin/cse", path: "/admin/cse", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/cse", path: "/admin/cse", console: .operator, ownsID: false,
                  fields: [("name", "CSE Gamma"), ("slug", "gamma"), ("contactEmail", "cse@gamma.test")], expected: .seeOther),
            Route(method: .get, template: "/admin/cse/:id", path: "/admin/cse/\(f.tenant)", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/cse/:id", path: "/admin/cse/\(f.tenant)", console: .operator, ownsID: false,
                  fields: [("brandColor", "rouge")], expected: .unprocessableContent),
            Route(method: .post, template: "/admin/cse/:id/produits", path: "/admin/cse/\(f.tenant)/produits", console: .operator,
                  ownsID: false, expected: .seeOther),
            Route(method: .get, template: "/admin/produits", path: "/admin/produits", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/produits", path: "/admin/produits", console: .operator, ownsID: false,
                  expected: .unprocessableContent),
            Route(method: .get, template: "/admin/produits/:id", path: "/admin/produits/\(f.product)", console: .operator, ownsID: false,
                  expected: .ok),
            Route(method: .post, template: "/admin/produits/:id", path: "/admin/produits/\(f.product)", console: .operator, ownsID: false,
                  expected: .unprocessableContent),
            Route(method: .get, template: "/admin/magasins", path: "/admin/magasins", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/magasins/import", path: "/admin/magasins/import", console: .operator, ownsID: false,
                  fields: [("csv", "")], expected: .unprocessableContent),
            Route(method: .get, template: "/admin/caisses", path: "/admin/caisses", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/caisses", path: "/admin/caisses", console: .operator, ownsID: false,
                  fields: [("name", "Autre enseigne"), ("storeCodes", "AE-1")], expected: .ok),
            Route(method: .post, template: "/admin/caisses/:id/cles", path: "/admin/caisses/\(f.posClient)/cles", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/caisses/:id/magasins", path: "/admin/caisses/\(f.posClient)/magasins", console: .operator,
                  ownsID: false, fields: [("storeCodes", "ML-2")], expected: .seeOther),
            Route(method: .post, template: "/admin/caisses/cles/:key/revoquer", path: "/admin/caisses/cles/\(f.posKey)/revoquer",
                  console: .operator, ownsID: false, expected: .seeOther),
            Route(method: .post, template: "/admin/courriels/:id/renvoyer", path: "/admin/courriels/\(f.mail)/renvoyer", console: .operator,
                  ownsID: false, expected: .seeOther),
            Route(method: .get, template: "/admin/commandes/:id/rembourser", path: "/admin/commandes/\(f.order)/rembourser",
                  console: .operator, ownsID: false, expected: .ok),
            // The amount the confirmation page shows: 33 € and 2 × 44 € at 5 %.
            Route(method: .post, template: "/admin/commandes/:id/rembourser", path: "/admin/commandes/\(f.order)/rembourser",
                  console: .operator, ownsID: false, fields: [("montant", "11495")], expected: .seeOther),
            Route(method: .post, template: "/admin/cse/:id/gestionnaires", path: "/admin/cse/\(f.tenant)/gestionnaires", console: .operator,
                  ownsID: false, fields: [("email", "nouvelle.gestion@alpha.test"), ("firstName", "Nina"), ("lastName", "Gestion")],
                  expected: .seeOther),
            Route(method: .get, template: "/admin/cse/:id/gestionnaires/:manager/retirer",
                  path: "/admin/cse/\(f.tenant)/gestionnaires/\(f.secondManager)/retirer", console: .operator, ownsID: false,
                  expected: .ok),
            Route(method: .post, template: "/admin/cse/:id/gestionnaires/:manager/retirer",
                  path: "/admin/cse/\(f.tenant)/gestionnaires/\(f.secondManager)/retirer", console: .operator, ownsID: false,
                  expected: .seeOther),
            // A form without its file: the operator is told to choose one.
            Route(method: .post, template: "/admin/cse/:id/logo", path: "/admin/cse/\(f.tenant)/logo", console: .operator, ownsID: false,
                  expected: .unprocessableContent),
            Route(method: .post, template: "/admin/cse/:id/logo/retirer", path: "/admin/cse/\(f.tenant)/logo/retirer", console: .operator,
                  ownsID: false, expected: .seeOther),
            Route(method: .get, template: "/admin/equipe", path: "/admin/equipe", console: .operator, ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/equipe/operateurs", path: "/admin/equipe/operateurs", console: .operator,
                  ownsID: false, expected: .unprocessableContent),
            Route(method: .post, template: "/admin/equipe/gestionnaires", path: "/admin/equipe/gestionnaires", console: .operator,
                  ownsID: false, expected: .unprocessableContent),
            Route(method: .get, template: "/admin/equipe/:id", path: "/admin/equipe/\(f.secondManager)", console: .operator,
                  ownsID: false, expected: .ok),
            Route(method: .post, template: "/admin/equipe/:id/double-authentification/reinitialiser",
                  path: "/admin/equipe/\(f.secondManager)/double-authentification/reinitialiser", console: .operator, ownsID: false,
                  expected: .unprocessableContent),
            Route(method: .post, template: "/admin/equipe/:id/desactiver", path: "/admin/equipe/\(f.secondManager)/desactiver",
                  console: .operator, ownsID: false, expected: .seeOther),
            Route(method: .post, template: "/admin/equipe/:id/reactiver", path: "/admin/equipe/\(f.secondManager)/reactiver",
                  console: .operator, ownsID: false, expected: .seeOther),
        ]
    }

    static func send(_ browser: TestBrowser, _ route: Route) async throws -> TestResponse {
        route.method == .get ? try await browser.get(route.path) : try await browser.post(route.path, pairs: route.fields)
    }

    @Test("anonymous, employee, other CSE's manager and the right role on every console route", arguments: TestEngine.available)
    func matrix(engine: TestEngine) async throws {
        let registered = Mutex<[String]>([])
        try await withShop(engine, configuration: AdminOrdersTests.configuration, extraRoutes: { router in
            registered.withLock { $0 = router.routes.map { "\($0.method) /\($0.path.description.drop { $0 == "/" })" } }
        }) { client, database in
            // setup
            let fixture = try await Self.fixture(database, client: client)
            let routes = Self.routes(fixture)
            let anonymous = TestBrowser(client), employee = TestBrowser(client), otherManager = TestBrowser(client)
            let manager = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await anonymous.get("/connexion")
            _ = try await employee.logIn("marie.dupont@demo.test")
            _ = try await otherManager.logIn("gestion.beta@demo.test")
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // check: every console route is in the table
            let consoleRoutes = registered.withLock { $0 }.filter { $0.contains(" /gestion") || $0.contains(" /admin") }
            let listed = Set(routes.map { route in
                "\(route.method) " + route.template.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                    .joined(separator: "/").replacingOccurrences(of: "^", with: "/")
            }.map { $0.replacingOccurrences(of: " gestion", with: " /gestion").replacingOccurrences(of: " admin", with: " /admin") })
            #expect(Set(consoleRoutes).subtracting(listed).isEmpty, "missing from the matrix: \(Set(consoleRoutes).subtracting(listed).sorted())")
            // act and check: the refusals first (they change nothing), then the right role
            for route in routes {
                let name = "\(route.method) \(route.path)"
                let visitor = try await Self.send(anonymous, route)
                #expect(visitor.status == .seeOther && visitor.headers[.location] == "/connexion", "anonymous \(name)")
                #expect(try await Self.send(employee, route).status == .forbidden, "employee \(name)")
                let other = try await Self.send(otherManager, route).status
                switch route.console {
                case .operator: #expect(other == .forbidden, "other manager \(name)")
                case .manager, .managerOrOperator:
                    #expect(other == (route.ownsID ? .notFound : route.otherManagerGets ?? route.expected), "other manager \(name): \(other)")
                }
                if route.console == .operator {
                    #expect(try await Self.send(manager, route).status == .forbidden, "manager on the operator's console \(name)")
                }
                if route.console == .manager {
                    #expect(try await Self.send(operatorBrowser, route).status == .forbidden, "operator on \(name)")
                }
            }
            for route in routes {
                let browser = route.console == .operator ? operatorBrowser : manager
                let status = try await Self.send(browser, route).status
                #expect(status == route.expected, "right role \(route.method) \(route.path): \(status)")
            }
        }
    }
}
