import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("CSE logo")
struct TenantLogoTests {
    /// A real 120 × 40 PNG, the CSE's blue.
    static let png = [UInt8](Data(base64Encoded: """
        iVBORw0KGgoAAAANSUhEUgAAAHgAAAAoCAIAAAC6iKlyAAAAUklEQVR42u3QQQ0AAAgEoCtiJrPZ2BbOBxsJSPVwIApEi0a0aNEWRItGtGjRFkSLRrRo0YgW\
        jWjRohEtGtGiRSNaNKJFi0a0aESLFo1o0Yj+ZwHs1ojPC7mNiAAAAABJRU5ErkJggg==
        """) ?? Data())

    /// The same PNG header claiming 3,000 × 100 pixels: a photograph, not a logo.
    static var widePNG: [UInt8] {
        var bytes = png
        bytes.replaceSubrange(16..<24, with: [0, 0, 0x0B, 0xB8, 0, 0, 0, 0x64])
        return bytes
    }

    static func alpha(_ database: BoutiqueDatabase) async throws -> Tenant {
        try #require(try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first())
    }

    @Test("the operator uploads a PNG: the CSE's shop header shows it, served cacheable with its type; then removes it",
          arguments: TestEngine.available)
    func uploadAndDisplay(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let alpha = try await Self.alpha(database)
            let id = try alpha.requireID()
            let operatorBrowser = TestBrowser(client), marie = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            #expect(Self.png.count == 139)
            // act
            let uploaded = try await operatorBrowser.upload("/admin/cse/\(id)/logo", file: "logo", filename: "logo.png", bytes: Self.png)
            let settings = try await operatorBrowser.get("/admin/cse/\(id)?ok=logo")
            let version = try #require(try await Self.alpha(database).logoVersion)
            let shop = try await TestBrowser(client).get("/cse/alpha")
            _ = try await marie.logIn("marie.dupont@demo.test")
            let marieCards = try await marie.get("/compte")
            let image = try await TestBrowser(client).get("/cse/alpha/logo?v=\(version)")
            let unpinned = try await TestBrowser(client).get("/cse/alpha/logo")
            let revalidated = try await client.execute(uri: "/cse/alpha/logo?v=\(version)", method: .get,
                                                       headers: [.ifNoneMatch: "\"\(version)\""], body: nil)
            let removed = try await operatorBrowser.post("/admin/cse/\(id)/logo/retirer", [:])
            let afterRemoval = try await TestBrowser(client).get("/cse/alpha/logo?v=\(version)")
            let settingsAfter = try await operatorBrowser.get("/admin/cse/\(id)")
            // check
            #expect(uploaded.status == .seeOther && uploaded.headers[.location] == "/admin/cse/\(id)?ok=logo")
            #expect(settings.text.contains("Le logo est enregistré") && settings.text.contains("Logo actuel : PNG, 120 × 40 pixels, 1 Ko."))
            #expect(settings.text.contains("<img src=\"/cse/alpha/logo?v=\(version)\" alt=\"CSE Alpha Industries\">"))
            let header = "<img class=\"brand-logo\" src=\"/cse/alpha/logo?v=\(version)\" alt=\"CSE Alpha Industries\">"
            #expect(shop.text.contains(header) && marieCards.text.contains(header))
            #expect(image.status == .ok && image.headers[.contentType] == "image/png" && Array(buffer: image.body) == Self.png)
            #expect(image.headers[.xContentTypeOptions] == "nosniff")
            #expect(image.headers[.cacheControl] == "public, max-age=31536000, immutable" && image.headers[.eTag] == "\"\(version)\"")
            #expect(unpinned.headers[.cacheControl] == "public, max-age=300")
            #expect(revalidated.status == .notModified && revalidated.body.readableBytes == 0)
            #expect(removed.status == .seeOther && afterRemoval.status == .notFound)
            #expect(settingsAfter.text.contains("Aucun logo"))
            #expect(try await Self.alpha(database).logoVersion == nil)
            let actions = try await AuditEntry.query(on: database.db).filter(\.$target == "alpha").all().map { AuditAction.label(of: $0.action) }
            #expect(actions.contains("Logo du CSE modifié") && actions.contains("Logo du CSE retiré"))
            if HTMLValidityTests.tidyAvailable {
                for page in [settings, shop] {
                    #expect(try await HTMLValidityTests.tidyErrors(page.text) == "")
                    #expect(HTMLValidityTests.unlabelledFields(page.text).isEmpty)
                }
            }
        }
    }

    @Test("a file that is not a PNG or JPEG logo is refused in French and changes nothing", arguments: TestEngine.available)
    func refused(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: a logo is already there
            let id = try await Self.alpha(database).requireID()
            let operatorBrowser = TestBrowser(client)
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            _ = try await operatorBrowser.upload("/admin/cse/\(id)/logo", file: "logo", filename: "logo.png", bytes: Self.png)
            let version = try await Self.alpha(database).logoVersion
            let heavy = Self.png + [UInt8](repeating: 0, count: 200 * 1024)
            let cases: [(String, [UInt8], String)] = [
                ("logo.png", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "Ce fichier n&#39;est pas une image PNG ou JPEG"),
                ("logo.png", heavy, "Le fichier pèse 201 Ko : le logo doit peser 200 Ko au plus."),
                ("photo.png", Self.widePNG, "Le logo doit mesurer entre 16 et 2000 pixels de côté (celui-ci : 3000 × 100)."),
                ("vide.png", [], "Choisissez un fichier PNG ou JPEG."),
            ]
            for (filename, bytes, message) in cases {
                // act
                let response = try await operatorBrowser.upload("/admin/cse/\(id)/logo", file: "logo", filename: filename, bytes: bytes)
                // check
                #expect(response.status == .unprocessableContent, "\(filename)")
                #expect(response.text.contains(message) && response.text.contains("Le logo n'a pas changé."), "\(message)")
                #expect(try await Self.alpha(database).logoVersion == version)
                #expect(try await TenantLogo.query(on: database.db).count() == 1)
                if HTMLValidityTests.tidyAvailable { #expect(try await HTMLValidityTests.tidyErrors(response.text) == "") }
            }
            let image = try await TestBrowser(client).get("/cse/alpha/logo")
            #expect(Array(buffer: image.body) == Self.png)
            #expect(try await AuditEntry.query(on: database.db).filter(\.$action == AuditAction.tenantLogoChanged.rawValue).count() == 1)
        }
    }

    @Test("a manager, an employee, a visitor or a form without its token cannot upload or remove a logo", arguments: TestEngine.available)
    func otherRoles(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let id = try await Self.alpha(database).requireID()
            let manager = TestBrowser(client), employee = TestBrowser(client), visitor = TestBrowser(client), operatorBrowser = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            _ = try await employee.logIn("marie.dupont@demo.test")
            _ = try await operatorBrowser.logIn("operateur@demo.test")
            // act
            let byManager = try await manager.upload("/admin/cse/\(id)/logo", file: "logo", filename: "logo.png", bytes: Self.png)
            let byEmployee = try await employee.upload("/admin/cse/\(id)/logo", file: "logo", filename: "logo.png", bytes: Self.png)
            let byVisitor = try await visitor.upload("/admin/cse/\(id)/logo", file: "logo", filename: "logo.png", bytes: Self.png)
            let removeByManager = try await manager.post("/admin/cse/\(id)/logo/retirer", [:])
            let forged = try await operatorBrowser.post("/admin/cse/\(id)/logo/retirer", [:], csrf: "")
            // check
            #expect(byManager.status == .forbidden && byEmployee.status == .forbidden && removeByManager.status == .forbidden)
            #expect(byVisitor.status == .seeOther && byVisitor.headers[.location] == "/connexion")
            #expect(forged.status == .forbidden)
            #expect(try await TenantLogo.query(on: database.db).count() == 0)
            #expect(try await Self.alpha(database).logoVersion == nil)
            #expect(try await TestBrowser(client).get("/cse/alpha/logo").status == .notFound)
        }
    }
}
