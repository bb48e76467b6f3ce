import BoutiqueCore
import BoutiqueStore
import Foundation

/// "Où dépenser ma e-Carte": stores nearest to a postcode or a city. The stores are read once a
/// minute into memory; a search over a few thousand is a sort of distances, well under a millisecond.
public struct StoreDirectory: Sendable {
    public struct Store: Sendable, Equatable {
        public let code, brand, name, address, postcode, city, openingHours: String
        public let latitude, longitude: Double
        public let selfCheckout: Bool
        let normalizedCity: String
    }

    public struct Result: Sendable {
        /// What the query was understood as: "Nantes (44000)".
        public let place: String?
        public let stores: [(store: Store, kilometres: Double)]
    }

    let database: BoutiqueDatabase
    private let cache = TTLCache<Int, [Store]>(ttl: .seconds(60))

    public init(database: BoutiqueDatabase) { self.database = database }

    public func all() async throws -> [Store] {
        try await cache.value(for: 0) { try await database.tables.storeLocations.all().map(Self.store) }
    }

    /// Every store as stored now (not the minute's cache), by city then name: the operator's
    /// list, right after an import.
    public func current() async throws -> [Store] {
        try await database.tables.storeLocations.allByCity().map(Self.store)
    }

    private static func store(_ row: StoreLocationTable.Store) -> Store {
        Store(code: row.code, brand: row.brand, name: row.name, address: row.address, postcode: row.postcode, city: row.city,
              openingHours: row.openingHours, latitude: row.latitude, longitude: row.longitude, selfCheckout: row.selfCheckout,
              normalizedCity: normalize(row.city))
    }

    /// The `limit` stores nearest to the place the query names (a postcode, its first digits, or
    /// a city), nearest first.
    public func search(_ query: String, limit: Int = 20) async throws -> Result {
        Self.search(query, in: try await all(), limit: limit)
    }

    static func search(_ query: String, in stores: [Store], limit: Int) -> Result {
        let text = normalize(query)
        guard !text.isEmpty, text.count <= 80 else { return Result(place: nil, stores: []) }
        let matches: [Store]
        if text.allSatisfy(\.isASCIIDigit) {
            matches = stores.filter { $0.postcode.hasPrefix(text) }
        } else {
            let exact = stores.filter { $0.normalizedCity == text }
            matches = exact.isEmpty ? stores.filter { $0.normalizedCity.hasPrefix(text) } : exact
        }
        guard let first = matches.first else { return Result(place: nil, stores: []) }
        let latitude = matches.map(\.latitude).reduce(0, +) / Double(matches.count)
        let longitude = matches.map(\.longitude).reduce(0, +) / Double(matches.count)
        let sorted = stores.map { ($0, Geo.kilometres(latitude, longitude, $0.latitude, $0.longitude)) }
            .sorted { $0.1 < $1.1 }
            .prefix(limit)
        let place = text.allSatisfy(\.isASCIIDigit) ? "\(first.city) (\(text))" : "\(first.city)"
        return Result(place: place, stores: Array(sorted))
    }

    /// Lower case, without accents, hyphens as spaces: "Saint-Étienne" matches "saint etienne".
    static func normalize(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "'", with: " ")
            .split(separator: " ").joined(separator: " ")
    }
}

/// Great-circle distances.
enum Geo {
    static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians, dLon = (lon2 - lon1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 6_371.0088 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}
