import BoutiqueCore
import BoutiqueShop
import Foundation

/// A card as the guide shows it: "CMD-324 e-Carte … - 5032XXXXXXXXXXX7118".
struct CardRowView {
    let id: String
    let title: String
    let value: String
    let balance: String
    let eventAndConditions: String
    let lastDay: String
    let state: String
    let stateClass: String
    let isUsable: Bool
    let sendings: [String]

    init(_ card: MyCards.Card) {
        id = card.id.uuidString
        title = [card.orderReference, "\(card.productName) - \(card.masked)"].compactMap { $0 }.joined(separator: " ")
        value = card.faceValue.french
        balance = card.balance.french
        eventAndConditions = card.usageConditions.isEmpty ? card.event : "\(card.event) / \(card.usageConditions)"
        lastDay = card.lastDay.french
        state = card.state.label
        stateClass = "card-\(card.state.rawValue)"
        isUsable = card.state == .active
        sendings = card.sendings.map { sending in
            if let sent = sending.sentAt { return "Envoyée à \(sending.recipientName) (\(sending.recipientEmail)) le \(FrenchDate.dateTime(sent))" }
            return "Envoi prévu à \(sending.recipientName) (\(sending.recipientEmail)) le \(FrenchDate.dateTime(sending.sendAt))"
        }
    }
}

struct CardListView {
    struct FilterLink {
        let href: String
        let label: String
        let current: Bool
    }

    let cards: [CardRowView]
    let isEmpty: Bool
    /// What the empty tab would hold, in its own words.
    let emptyMessage: String
    let filters: [FilterLink]

    init(_ cards: [MyCards.Card], filter: MyCards.Filter) {
        self.cards = cards.map(CardRowView.init)
        isEmpty = cards.isEmpty
        emptyMessage = Self.emptyMessages[filter] ?? ""
        let labels: [MyCards.Filter: String] = [.all: "Toutes", .active: "Actives", .usedUp: "Utilisées", .expired: "Expirées"]
        filters = MyCards.Filter.allCases.map {
            FilterLink(href: "/compte/cartes?filtre=\($0.rawValue)", label: labels[$0] ?? $0.rawValue, current: $0 == filter)
        }
    }
}

struct CardDetailView {
    struct Movement {
        let date: String
        let label: String
        let store: String
        let amount: String
        let balanceAfter: String
    }

    let card: CardRowView
    let movements: [Movement]

    init(_ card: MyCards.Card, movements: [MyCards.Movement]) {
        self.card = CardRowView(card)
        self.movements = movements.map { movement in
            let labels: [CardTransactionKind: String] = [.issue: "Chargement", .redemption: "Paiement", .reversal: "Annulation d'un paiement",
                                                         .refund: "Remboursement", .expiry: "Expiration"]
            return Movement(date: FrenchDate.dateTime(movement.date), label: labels[movement.kind] ?? movement.kind.rawValue,
                            store: movement.store ?? "", amount: movement.amount.french, balanceAfter: movement.balanceAfter.french)
        }
    }
}

struct PhoneCardView {
    let title: String
    let balance: String
    let lastDay: String
    let grouped: String
    let pin: String
    /// The barcode as inline SVG (escaped content is not needed: it is generated, digits only).
    let barcodeSVG: String

    init(card: MyCards.Card, grouped: String, pin: String, barcodeSVG: String) {
        title = card.productName
        balance = card.balance.french
        lastDay = card.lastDay.french
        self.grouped = grouped
        self.pin = pin
        self.barcodeSVG = barcodeSVG
    }
}

extension CardListView {
    static let emptyMessages: [MyCards.Filter: String] = [
        .all: "Aucune e-Carte ici. Vos e-Cartes apparaissent peu après la validation de votre commande.",
        .active: "Aucune e-Carte active : les e-Cartes avec un solde à dépenser apparaissent ici.",
        .usedUp: "Aucune e-Carte utilisée : celles dont tout le solde a été dépensé apparaissent ici.",
        .expired: "Aucune e-Carte expirée : celles dont la date de validité est passée apparaissent ici.",
    ]
}
