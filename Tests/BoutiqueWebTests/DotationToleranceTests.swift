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

@Suite("Dotations: yearly tolerance and configured PMSS")
struct DotationToleranceTests {
    /// Confirms a dotation of `cents` for Marie (ticking the box when asked) and returns the answer.
    static func confirm(_ manager: TestBrowser, marie: UUID, cents: Int, event: String, date: String = "2026-06-01",
                        tick: Bool = false) async throws -> TestResponse {
        var fields = [("event", event), ("date", date), ("lines[]", "\(marie.uuidString):\(cents)")]
        if tick { fields.append(("acceptCeiling", "on")) }
        return try await manager.post("/gestion/dotations", pairs: fields)
    }

    @Test("the yearly warning appears exactly when an employee's total over all events would pass 200 €, and needs the tick",
          arguments: TestEngine.available)
    func yearlyTolerance(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup: 120 € for Mother's Day, then 80 € for a birth reaches the 200 € tolerance exactly
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let marie = try await DotationTests.marie(database)
            let first = try await Self.confirm(manager, marie: marie, cents: 12_000, event: "mothersDay")
            // act
            let equal = try await manager.post("/gestion/dotations/apercu", pairs: DotationTests.form(marie, euros: "80", event: "birthOrAdoption"))
            let oneCentOver = try await manager.post("/gestion/dotations/apercu",
                                                     pairs: DotationTests.form(marie, euros: "80,01", event: "birthOrAdoption"))
            let atTolerance = try await Self.confirm(manager, marie: marie, cents: 8_000, event: "birthOrAdoption")
            let untickedOver = try await Self.confirm(manager, marie: marie, cents: 100, event: "retirement")
            let countAfterRefusal = try await DotationTests.dotationCount(database)
            let tickedOver = try await Self.confirm(manager, marie: marie, cents: 100, event: "retirement", tick: true)
            // check
            #expect(first.status == .seeOther)
            #expect(equal.status == .ok && !equal.text.contains("Attention") && equal.text.contains("Respectés"))
            #expect(equal.text.contains("Tolérance annuelle par salarié en 2026, tous évènements confondus"))
            #expect(oneCentOver.status == .ok && !oneCentOver.text.contains("dépasseraient le plafond"))
            #expect(oneCentOver.text.contains("Attention : 1 salarié(s) dépasseraient la tolérance annuelle de 200,00\u{00A0}€ en 2026"))
            #expect(oneCentOver.text.contains("Tolérance annuelle dépassée") && oneCentOver.text.contains("200,01\u{00A0}€"))
            #expect(oneCentOver.text.contains("name=\"acceptCeiling\""))
            #expect(!equal.text.contains("name=\"acceptCeiling\""))
            #expect(atTolerance.status == .seeOther)
            #expect(untickedOver.status == .unprocessableContent && untickedOver.text.contains("la tolérance annuelle : cochez la case"))
            #expect(countAfterRefusal == 2)
            #expect(tickedOver.status == .seeOther)
            #expect(try await DotationTests.dotationCount(database) == 3)
        }
    }

    @Test("a configured PMSS sets the ceiling of its year; the pages name the year and the PMSS, and say when the latest one stands in",
          arguments: TestEngine.available)
    func configuredPMSS(engine: TestEngine) async throws {
        var configuration = WebConfiguration.test
        configuration.shop.urssafCeiling = UrssafCeiling.standard.merging([2027: 410_000])
        try await withShop(engine, configuration: configuration) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let marie = try await DotationTests.marie(database)
            func preview(_ euros: String, date: String) async throws -> TestResponse {
                try await manager.post("/gestion/dotations/apercu", pairs: [("event", "christmasEmployees"), ("date", date), ("amount", euros),
                                                                          ("who", "selected"), ("employees[]", marie.uuidString)])
            }
            // act
            let equal = try await preview("205", date: "2027-12-17")
            let over = try await preview("205,01", date: "2027-12-17")
            let laterYear = try await preview("205,01", date: "2028-12-15")
            let form = try await manager.post("/gestion/dotations/apercu", pairs: [("event", "christmasEmployees"), ("date", "2028-12-15"),
                                                                                 ("who", "selected")])
            let year2026 = try await preview("200", date: "2026-12-18")
            // check
            #expect(equal.status == .ok && !equal.text.contains("Attention"))
            #expect(equal.text.contains("Plafond URSSAF par salarié et par évènement en 2027</dt><dd>205,00\u{00A0}€"))
            #expect(equal.text.contains("4\u{202F}100,00\u{00A0}€ (PMSS 2027)") && !equal.text.contains("Aucun PMSS"))
            #expect(over.text.contains("dépasseraient le plafond de 205,00\u{00A0}€") && over.text.contains("tolérance annuelle de 205,00\u{00A0}€ en 2027"))
            #expect(laterYear.text.contains("Aucun PMSS n'est configuré pour 2028 : le plafond est calculé sur le dernier connu, celui de 2027"))
            #expect(laterYear.text.contains("dépasseraient le plafond de 205,00\u{00A0}€"))
            #expect(form.status == .unprocessableContent)
            #expect(form.text.contains("En 2028, plafond par salarié et par évènement, et tolérance annuelle : <strong>205,00\u{00A0}€</strong>"))
            #expect(form.text.contains("(5 % du PMSS 2027 de 4\u{202F}100,00\u{00A0}€). Aucun PMSS n'est configuré pour 2028"))
            #expect(year2026.text.contains("4\u{202F}005,00\u{00A0}€ (PMSS 2026)") && !year2026.text.contains("Attention"))
            if HTMLValidityTests.tidyAvailable {
                for page in [over, laterYear, form] { #expect(try await HTMLValidityTests.tidyErrors(page.text) == "") }
            }
        }
    }
}
