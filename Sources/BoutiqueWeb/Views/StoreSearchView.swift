import BoutiqueShop
import Foundation

/// « Où dépenser ma e-Carte »: the search form as sent and the nearest stores.
struct StoreSearchView {
    /// The value of the self-checkout filter's checkbox (`caisses=automatiques`).
    static let selfCheckoutValue = "automatiques"

    struct Row {
        let brand, name, address, city, distance, hours: String
        let hasHours: Bool
        let selfCheckout: String
        /// OpenStreetMap's directions to the store: an https link opens in any phone's or
        /// computer's browser with no app or account (a `geo:` link does nothing on iOS Safari
        /// nor on most desktops), and the map data is open.
        let itinerary: String
    }

    let query: String
    let selfCheckoutOnly: Bool
    let searched: Bool
    let place: String?
    let approximation: String?
    let rows: [Row]
    let isEmpty: Bool
    /// Why nothing is listed: the place is unknown, or no store passes the filter.
    let emptyMessage: String

    init(query: String, selfCheckoutOnly: Bool, result: StoreDirectory.Result?) {
        self.query = query
        self.selfCheckoutOnly = selfCheckoutOnly
        searched = result != nil
        place = result?.place
        approximation = result?.approximation
        rows = (result?.stores ?? []).map { store, kilometres in
            Row(brand: store.brand, name: store.name, address: store.address, city: "\(store.postcode) \(store.city)",
                distance: Self.distance(kilometres), hours: store.openingHours, hasHours: !store.openingHours.isEmpty,
                selfCheckout: store.selfCheckout ? "Oui" : "Non",
                itinerary: "https://www.openstreetmap.org/directions?to=\(Self.coordinate(store.latitude)),\(Self.coordinate(store.longitude))")
        }
        isEmpty = rows.isEmpty
        if let place = result?.place {
            emptyMessage = selfCheckoutOnly ? "Aucun magasin dont les caisses automatiques acceptent la e-Carte près de \(place)."
                : "Aucun magasin n'est encore enregistré."
        } else if query.isEmpty {
            emptyMessage = "Votre position n'a pas pu être lue. Saisissez un code postal ou une ville."
        } else {
            emptyMessage = "Aucun magasin trouvé pour « \(query) ». Essayez le code postal de la commune ou le nom d'une ville voisine."
        }
    }

    /// « 850 m », « 3,2 km », « 48 km ».
    static func distance(_ kilometres: Double) -> String {
        if kilometres < 1 { return "\(Int((kilometres * 1_000).rounded())) m" }
        if kilometres < 10 { return String(format: "%.1f km", kilometres).replacingOccurrences(of: ".", with: ",") }
        return "\(Int(kilometres.rounded())) km"
    }

    /// Five decimals (about a metre), with a point whatever the locale: the URL's format.
    static func coordinate(_ degrees: Double) -> String {
        String(format: "%.5f", locale: Locale(identifier: "en_US_POSIX"), degrees)
    }
}
