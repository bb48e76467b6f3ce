import BoutiqueShop
import BoutiqueTestSupport
import BoutiqueWeb
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus
import Testing

/// The templates write their links as text; the route table is built from the consoles' tables.
/// A renamed route or a typo in a link is a dead link in the shop: this reads every `href` and
/// every form's `action` in every template and asks the router for a route of that shape (a
/// `{{…}}` part stands for an id) and that method (a form posts unless it says `get`).
@Suite("Links in the templates")
struct TemplateLinksTests {
    struct Link: CustomStringConvertible {
        let template: String
        let method: HTTPRequest.Method
        let segments: [Substring]
        var description: String { "\(template): \(method) /\(segments.joined(separator: "/"))" }
    }

    static let templates = URL(fileURLWithPath: WebConfiguration.test.resourcesFolder).appendingPathComponent("Templates")

    /// `href="/…"` (GET) and `<form … action="/…">` (its method), query and fragment dropped.
    static func links() throws -> [Link] {
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }
        var links: [Link] = []
        for file in files.sorted() {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /href="(\/[^"]*)"/) {
                links.append(Link(template: file, method: .get, segments: segments(of: match.1)))
            }
            for form in text.matches(of: /<form\b[^>]*>/) {
                let tag = form.0
                guard let action = tag.firstMatch(of: /action="(\/[^"]*)"/)?.1 else { continue }
                let method: HTTPRequest.Method = tag.contains(/method="get"/.ignoresCase()) ? .get : .post
                links.append(Link(template: file, method: method, segments: segments(of: action)))
            }
        }
        return links
    }

    static func segments(of path: Substring) -> [Substring] {
        let bare = path.prefix { $0 != "?" && $0 != "#" }
        return bare.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// A link's part matches a route's literal part, and any route's capture matches an id.
    static func matches(_ link: Link, _ route: (method: HTTPRequest.Method, path: String)) -> Bool {
        guard link.method == route.method else { return false }
        let parts = route.path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.last == "**" { return parts.count - 1 <= link.segments.count && zip(parts.dropLast(), link.segments).allSatisfy(same) }
        return parts.count == link.segments.count && zip(parts, link.segments).allSatisfy(same)
    }

    static func same(_ routePart: Substring, _ linkPart: Substring) -> Bool {
        routePart == linkPart || routePart.hasPrefix(":") || routePart.hasPrefix("{") || routePart == "*" || linkPart.contains("{{")
    }

    @Test("every link and form in the templates leads to a route of the shop")
    func everyLinkHasARoute() async throws {
        try await TestEngine.sqlite.withDatabase { database in
            try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            // With a payment provider, so that the payment routes exist.
            let configuration = AdminOrdersTests.configuration
            let router = try await buildRouter(configuration: configuration,
                                               shop: try await ShopServices(database: database, settings: configuration.shop),
                                               registry: PrometheusCollectorRegistry())
            let routes = router.routes.map { (method: $0.method, path: $0.path.description) }
            let links = try Self.links()
            #expect(links.count > 80, "the templates were not found: \(Self.templates.path)")
            // The static files are served by a middleware, not a route.
            let dead = links.filter { link in link.segments.first != "static" && !routes.contains { Self.matches(link, $0) } }
            #expect(dead.isEmpty, "links to no route: \(dead)")
        }
    }
}
