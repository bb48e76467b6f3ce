@testable import PSPSandbox
import Testing

/// The sandbox sends browsers back (and notifications) only under the merchant's registered site.
@Suite("Sandbox return addresses")
struct SandboxReturnURLTests {
    @Test("under the site: same scheme, host and port, inside its path", arguments: [
        ("https://shop.example/paiement/retour?commande=1", true),
        ("https://SHOP.example:443/paiement/retour", true),
        ("https://shop.example", true),
        ("http://shop.example/paiement/retour", false),
        ("https://shop.example:8443/paiement/retour", false),
        ("https://shop.example.evil.test/paiement/retour", false),
        ("https://shop.example@evil.test/paiement/retour", false),
        ("https://evil.test/?next=https://shop.example/", false),
        ("javascript:alert(1)", false),
        ("//evil.test/", false),
    ])
    func site(url: String, isUnder: Bool) {
        #expect(SandboxReturnURL.url(url, isUnder: "https://shop.example") == isUnder)
    }

    @Test("a site in a folder keeps its folder", arguments: [
        ("https://host.example/boutique/paiement/retour", true),
        ("https://host.example/boutique", true),
        ("https://host.example/boutique-pirate/retour", false),
        ("https://host.example/boutique/../autre/retour", false),
        ("https://host.example/autre", false),
    ])
    func folder(url: String, isUnder: Bool) {
        #expect(SandboxReturnURL.url(url, isUnder: "https://host.example/boutique/") == isUnder)
    }
}
