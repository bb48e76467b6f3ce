import BoutiqueCore
@testable import BoutiqueWeb
import Foundation
import Mustache
import Testing

/// Pages render a reflected copy of their view model (`ReflectedObject`): the text must be the
/// text Mustache writes for the model itself.
@Suite("Templates read reflected view models")
struct ReflectedObjectTests {
    struct Line {
        let name: String
        let amount: String
        let note: String?
        let isGift: Bool
        let tags: [String]
    }

    struct Banner: CustomStringConvertible {
        let text: String
        var description: String { "« \(text) »" }
    }

    enum Kind: String { case fixed, free }

    struct Page {
        let title: String
        let lines: [Line]
        let empty: [Line]
        let count: Int
        let user: String?
        let missing: String?
        let banner: Banner
        let kind: Kind
        let when: Date
        let extra: [String: Any]
    }

    static let template = """
        {{title}} ({{count}}) {{#user}}pour {{user}}{{/user}}{{^missing}}sans note{{/missing}} {{banner}} {{kind}} {{when}}
        {{#lines}}- {{name}} {{amount}} {{#note}}[{{note}}]{{/note}}{{^note}}[{{title}}]{{/note}}{{#isGift}} cadeau{{/isGift}}\
        {{#tags}}<{{.}}>{{/tags}} {{#tags.first}}{{tags.first}}{{/tags.first}} {{count}}
        {{/lines}}{{^empty}}aucune{{/empty}}{{#extra}}{{extra.label}} {{#extra.rows}}({{name}}){{/extra.rows}}{{/extra}}
        """

    static var page: Page { Page(
        title: "Panier <1>", lines: [
            Line(name: "e-Carte Fixe", amount: "50,00 €", note: nil, isGift: true, tags: ["a", "b"]),
            Line(name: "e-Carte Libre & co", amount: "12,34 €", note: "pour Noël", isGift: false, tags: []),
        ], empty: [], count: 2, user: "Mme Marie Dupont", missing: nil, banner: Banner(text: "démo"), kind: .free,
        when: Date(timeIntervalSince1970: 1_780_000_000),
        extra: ["label": "Journal", "rows": [Line(name: "x", amount: "1", note: nil, isGift: false, tags: [])]]) }

    @Test("sections, inverted sections, nil optionals climbing the stack, arrays, dictionaries and plain values render the same")
    func sameText() throws {
        let template = try MustacheTemplate(string: Self.template)
        let reflected = try #require(ReflectedObject.wrap(Self.page))
        let expected = template.render(Self.page)
        #expect(template.render(reflected) == expected)
        #expect(expected.contains("[Panier &lt;1&gt;]"), "a nil note falls back to the page's title, up the stack")
        #expect(expected.contains("« démo »") && expected.contains("<a><b>") && expected.contains("aucune"))
        #expect(expected.contains("Journal (x)"))
    }

    @Test("an empty optional is nothing; classes and text are left as they are")
    func plainValues() {
        let none: String? = nil
        final class Model { let name = "modèle" }
        let model = Model()
        #expect(ReflectedObject.wrap(none as Any) == nil)
        #expect(ReflectedObject.wrap("texte") as? String == "texte")
        #expect(ReflectedObject.wrap(model) as? Model === model)
        #expect(ReflectedObject.wrap([1, 2]) as? [Int] == [1, 2], "an array of plain values keeps its type")
    }
}
