import BoutiqueCore
import BoutiqueShop
import Foundation

/// A product card on the home and catalogue pages.
struct OfferView {
    let slug: String
    let name: String
    let retailer: String
    let description: String
    let usageConditions: String
    /// `-5 %`
    let discount: String
    /// "De 10,00 € à 1 500,00 €" or "50,00 € · 100,00 €"
    let amounts: String
    /// "valables 12 mois à date d'achat"
    let validity: String
    /// Example: what a 100 € card costs at this rate.
    let example: String

    init(_ offer: CatalogueOffer) {
        slug = offer.slug
        name = offer.name
        retailer = offer.retailer
        description = offer.description
        usageConditions = offer.usageConditions
        discount = "-\(offer.rate.french)"
        switch offer.amounts {
        case .free(let min, let max): amounts = "De \(min.french) à \(max.french), par euro entier"
        case .denominations(let values): amounts = values.map(\.french).joined(separator: " · ")
        }
        validity = offer.validity.months == 12 ? "valable 1 an à date d'achat" : "valable \(offer.validity.months) mois à date d'achat"
        let hundred = Money(cents: 10_000)
        if let line = try? Pricing.price(faceValue: hundred, quantity: 1, rate: offer.rate) {
            example = "Une e-Carte de \(hundred.french) vous coûte \(line.price.french)."
        } else {
            example = ""
        }
    }
}

struct HomeView {
    let offers: [OfferView]
    let hasOffers: Bool
    let catalogueLink: String
    /// « Je crée mon compte » for this CSE (`/compte/creer?cse=alpha`); nil on the platform's page.
    let registerLink: String?
    /// The best rate on offer, for the headline.
    let bestDiscount: String?

    init(offers: [CatalogueOffer], basePath: String, tenantSlug: String? = nil) {
        registerLink = tenantSlug.map { "/compte/creer?cse=\($0)" }
        self.offers = offers.map(OfferView.init)
        hasOffers = !offers.isEmpty
        catalogueLink = basePath + "/catalogue"
        bestDiscount = offers.map(\.rate).max().map { "-\($0.french)" }
    }
}

struct CatalogueView {
    let offers: [OfferView]
    let hasOffers: Bool
    let cseName: String?

    init(offers: [CatalogueOffer], cseName: String?) {
        self.offers = offers.map(OfferView.init)
        hasOffers = !offers.isEmpty
        self.cseName = cseName
    }
}
