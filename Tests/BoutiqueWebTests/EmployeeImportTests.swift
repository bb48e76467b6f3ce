import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import BoutiqueWeb
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Employee import")
struct EmployeeImportTests {
    static func staffList(_ count: Int, extra: [String] = []) -> String {
        var lines = ["e-mail;nom;prénom"]
        for index in 0..<count { lines.append("salarie\(index)@alpha.test;Nom\(index);Prénom\(index)") }
        return (lines + extra).joined(separator: "\r\n")
    }

    @Test("10,000 employees uploaded as a CSV file are imported in one go, and a listed person is approved on confirming the e-mail",
          arguments: TestEngine.available)
    func largeImportThenRegistration(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client), newcomer = TestBrowser(client), mail = TestMail(database: database)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            // act
            let imported = try await manager.upload("/gestion/salaries/import", file: "file", filename: "salaries.csv",
                                                   bytes: Array(Self.staffList(10_000).utf8))
            let again = try await manager.upload("/gestion/salaries/import", file: "file", filename: "salaries.csv",
                                                bytes: Array(Self.staffList(2).utf8))
            _ = try await newcomer.post("/compte/creer", AccountFlowTests.registration(email: "salarie42@alpha.test", tenant: alpha))
            let link = try #require(TestMail.link(in: try await mail.last(to: "salarie42@alpha.test"), path: "/compte/valider"))
            let verified = try await newcomer.get(link)
            // check
            #expect(imported.status == .ok && imported.text.contains("Import terminé : 10000 ligne(s).") && imported.text.contains("10000 salarié(s) ajouté(s)"))
            #expect(again.text.contains("0 salarié(s) ajouté(s), 2 mis à jour"))
            #expect(try await ExpectedEmployee.query(on: database.db).filter(\.$tenant.$id == alpha).count() == 10_000)
            #expect(try await User.query(on: database.db).filter(\.$email == "salarie42@alpha.test").first()?.status == .active)
            #expect(!verified.text.contains("attend maintenant la validation"))
            #expect(try await mail.last(to: "salarie42@alpha.test")?.subject == "Votre compte est validé")
        }
    }

    @Test("bad rows are all reported with their line and nothing is imported", arguments: TestEngine.available)
    func badRows(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let csv = Self.staffList(3, extra: ["pas-une-adresse;Durand;Jean", "salarie1@alpha.test;Autre;Nom", "ok@alpha.test;;Jeanne"])
            let report = try await manager.upload("/gestion/salaries/import", file: "file", filename: "salaries.csv", bytes: Array(csv.utf8))
            let noHeader = try await manager.post("/gestion/salaries/import", ["csv": "a@b.test;X;Y"])
            let empty = try await manager.post("/gestion/salaries/import", ["csv": ""])
            #expect(report.status == .unprocessableContent)
            #expect(report.text.contains("Rien n'a été importé : 3 ligne(s) à corriger."))
            #expect(report.text.contains("<td>5</td><td>adresse e-mail invalide : « pas-une-adresse »</td>"))
            #expect(report.text.contains("« salarie1@alpha.test » figure déjà ligne 3"))
            #expect(report.text.contains("<td>7</td>"))
            #expect(noHeader.status == .unprocessableContent && noHeader.text.contains("la première ligne doit nommer les colonnes"))
            #expect(empty.status == .unprocessableContent && empty.text.contains("Choisissez un fichier CSV"))
            #expect(try await ExpectedEmployee.query(on: database.db).count() == 0)
        }
    }

    @Test("an account already waiting is approved by the import; an employee and another CSE's manager cannot import",
          arguments: [TestEngine.sqlite])
    func pendingAndRoles(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            let manager = TestBrowser(client), newcomer = TestBrowser(client), employee = TestBrowser(client), mail = TestMail(database: database)
            let alpha = try await AccountFlowTests.tenantID("alpha", database)
            _ = try await newcomer.post("/compte/creer", AccountFlowTests.registration(email: "lea@alpha.test", tenant: alpha))
            let link = try #require(TestMail.link(in: try await mail.last(to: "lea@alpha.test"), path: "/compte/valider"))
            _ = try await newcomer.get(link)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            let imported = try await manager.post("/gestion/salaries/import", ["csv": "email;nom;prenom\nlea@alpha.test;Martin;Léa"])
            #expect(imported.text.contains("1 compte(s) en attente validé(s)"))
            #expect(try await User.query(on: database.db).filter(\.$email == "lea@alpha.test").first()?.status == .active)
            #expect(try await employee.post("/gestion/salaries/import", ["csv": "email;nom;prenom\nx@alpha.test;X;Y"]).status == .forbidden)
            #expect(try await TestBrowser(client).get("/gestion/salaries/import").headers[.location] == "/connexion")
        }
    }
}
