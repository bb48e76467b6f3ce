import BoutiqueCore
import BoutiqueShop

/// "Mon panier" in the guide's layout: PRODUIT, PRIX CHARGEMENT, QUANTITÉ, REMISE, PRIX.
struct CartPageView {
    struct Line {
        let id: String
        let product: String
        let faceValue: String
        let quantity: Int
        let quantities: [SelectOption]
        let discount: String
        let price: String
    }

    let lines: [Line]
    let isEmpty: Bool
    let total: String
    let savings: String
    /// The CSE's limits, before « Commander ».
    let limits: [String]

    init(_ summary: CartSummary, limits: PurchaseLimits? = nil) {
        self.limits = PurchaseLimitsText.lines(limits)
        lines = summary.lines.map { line in
            Line(id: line.id.uuidString, product: "\(line.productName) valable \(line.validUntil.french)",
                 faceValue: line.faceValue.french, quantity: line.quantity,
                 quantities: (1...max(line.maxQuantity, line.quantity)).map {
                     SelectOption(value: "\($0)", label: "\($0)", selected: $0 == line.quantity)
                 },
                 discount: line.rate.description, price: line.price.french)
        }
        isEmpty = summary.isEmpty
        total = summary.total.french
        savings = "- \(summary.savings.french)"
    }
}

/// "Commander ma carte" / "Je choisis la valeur".
struct ProductView {
    let id: String
    let name: String
    let description: String
    let usageConditions: String
    let discount: String
    let isFree: Bool
    let minEuros: Int
    let maxEuros: Int
    let range: String
    let denominations: [SelectOption]
    let quantities: [SelectOption]
    /// "Durée de validité : 04/07/2020" for a card bought today.
    let validUntil: String
    let limits: [String]

    init(product: ProductRecord, rate: DiscountRate, today: CalendarDate, selected: String?, limits: PurchaseLimits? = nil) {
        self.limits = PurchaseLimitsText.lines(limits)
        id = product.id.uuidString
        name = product.name
        description = product.description
        usageConditions = product.usageConditions
        discount = "-\(rate.french)"
        isFree = product.denominationsCents.isEmpty
        minEuros = product.minAmountCents / 100
        maxEuros = product.maxAmountCents / 100
        range = "De \(Money(cents: product.minAmountCents).french) à \(Money(cents: product.maxAmountCents).french), en euros entiers"
        denominations = product.denominationsCents.sorted().map { cents in
            SelectOption(value: "\(cents / 100)", label: Money(cents: cents).french, selected: selected == "\(cents / 100)")
        }
        quantities = (1...max(1, product.maxQuantity)).map { SelectOption(value: "\($0)", label: "\($0)", selected: $0 == 1) }
        let validity = (try? CardValidity(months: product.validityMonths)) ?? .standard
        validUntil = validity.lastDay(purchasedOn: today).french
    }
}

/// The CSE's limits in words, on the product page and the cart (`PurchaseLimits`).
enum PurchaseLimitsText {
    static func lines(_ limits: PurchaseLimits?) -> [String] {
        guard let limits else { return [] }
        var lines: [String] = []
        if let max = limits.maxOrder { lines.append("Montant maximum d'une commande : \(max.french).") }
        if let cap = limits.yearlyCap, let left = limits.leftThisYear {
            let awaiting = limits.awaitingPayment.isZero ? "" : " (dont \(limits.awaitingPayment.french) de commandes en attente de paiement déjà comptées)"
            lines.append("Plafond annuel d'achat : \(cap.french) ; il vous reste \(left.french) pour cette année\(awaiting).")
        }
        return lines
    }
}
