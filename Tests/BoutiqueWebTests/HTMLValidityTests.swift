import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

/// Every page of the personal space, checked by HTML Tidy (Debian `tidy`): no errors, and every
/// form field has a label.
@Suite("HTML validity of the personal space")
struct HTMLValidityTests {
    static var tidyAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tidy") }

    static func tidyErrors(_ html: String) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString).html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await Blocking.output(of: "/usr/bin/tidy", ["-q", "-e", file.path], stream: .standardError)
        // Warnings count too (a misnested tag is only a warning for tidy), except tidy's opinions
        // on valid HTML5: inline SVG attributes and empty table cells.
        let tolerated = ["proprietary attribute", "trimming empty", "<svg>", "<path>", "<rect>"]
        return output.split(separator: "\n").filter { line in !tolerated.contains { line.contains($0) } }.joined(separator: "\n")
    }

    /// Inputs, selects and textareas (except hidden ones) whose id no `<label for>` names.
    static func unlabelledFields(_ html: String) -> [String] {
        let labels = Set(matches(#"<label[^>]*for="([^"]+)""#, in: html))
        return matches(#"<(?:input|select|textarea)(?![^>]*type="(?:hidden|radio)")[^>]*id="([^"]+)""#, in: html).filter { !labels.contains($0) }
            + (html.contains("<input") ? matches(#"<(?:input|select|textarea)((?![^>]*id=)(?![^>]*type="hidden")[^>]*)>"#, in: html) : [])
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test("each page of the personal space is valid HTML with labelled fields",
          .enabled(if: tidyAvailable || ProcessInfo.processInfo.environment["CI"] == "true"))
    func pages() async throws {
        try await withShop(.sqlite) { client, database in
            // setup
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let owner: UUID = order.$user.id
            let card = try #require(try await CardLedger.cards(ownerID: owner, on: database.sql).first?.id)
            try await DemoStores.seedIfEmpty(database)
            let marie = TestBrowser(client)
            _ = try await marie.logIn("marie.dupont@demo.test")
            let pages = ["/compte", "/compte/coordonnees", "/compte/commandes", "/compte/cartes", "/compte/cartes/\(card)",
                         "/compte/cartes/\(card)/telephone", "/magasins?q=Nantes", "/contact", "/panier", "/produits/e-carte-economies",
                         "/cse/alpha", "/cse/alpha/catalogue", "/cgv"]
            for path in pages {
                // act
                let page = try await marie.get(path)
                // check
                #expect(page.status == .ok, "\(path)")
                #expect(try await Self.tidyErrors(page.text) == "", "\(path)")
                #expect(Self.unlabelledFields(page.text).isEmpty, "\(path): \(Self.unlabelledFields(page.text))")
            }
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let marieID = try #require(try await User.query(on: database.db).filter(\.$email == "marie.dupont@demo.test").first()?.requireID())
            let preview = try await manager.post("/gestion/dotations/apercu", pairs: DotationTests.form(marieID, euros: "250"))
            let created = try await manager.post("/gestion/dotations", pairs: [("event", "retirement"), ("date", "2026-12-18"),
                                                                                ("lines[]", "\(marieID.uuidString):5000")])
            let dotation = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let importReport = try await manager.post("/gestion/salaries/import", ["csv": "email;nom;prenom\nbad;X;Y"])
            var consolePages = [("/gestion/dotations/apercu", preview), ("/gestion/salaries/import (rapport)", importReport)]
            for path in ["/gestion", "/gestion/comptes", "/gestion/salaries", "/gestion/salaries/import", "/gestion/cles", "/gestion/commandes",
                         "/gestion/dotations", "/gestion/dotations/nouvelle", dotation, "/gestion/exports", "/gestion/journal"] {
                consolePages.append((path, try await manager.get(path)))
            }
            for (path, page) in consolePages {
                #expect(page.status == .ok || page.status == .unprocessableContent, "\(path)")
                #expect(try await Self.tidyErrors(page.text) == "", "\(path)")
                #expect(Self.unlabelledFields(page.text).isEmpty, "\(path): \(Self.unlabelledFields(page.text))")
            }
            for path in ["/connexion", "/compte/creer", "/mot-de-passe/oubli"] {
                let page = try await TestBrowser(client).get(path)
                #expect(try await Self.tidyErrors(page.text) == "", "\(path)")
                #expect(Self.unlabelledFields(page.text).isEmpty, "\(path): \(Self.unlabelledFields(page.text))")
            }
        }
    }
}
