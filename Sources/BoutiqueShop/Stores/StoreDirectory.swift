import BoutiqueCore
import BoutiqueStore
import Foundation

/// "Où dépenser ma e-Carte": stores nearest to a postcode, a city, a département or the browser's
/// position. A postcode or a commune that no store has is placed at its département's prefecture
/// (`Departement`): the coordinates then come from the département, not from the commune, which
/// the shop has no table of. The stores are read once a minute into memory; a search over a few
/// thousand is a sort of distances, well under a millisecond.
public struct StoreDirectory: Sendable {
    public struct Store: Sendable, Equatable {
        public let code, brand, name, address, postcode, city, openingHours: String
        public let latitude, longitude: Double
        public let selfCheckout: Bool
        /// `PlaceName.key` of the city, computed once per store rather than once per search.
        let cityKey: String
    }

    public struct Result: Sendable {
        /// What the query was understood as: « Nantes (44000) », « votre position ».
        public let place: String?
        /// Set when the place is known by its département only: the distances are counted from
        /// the département's prefecture (no postcode or commune table ships with the shop).
        public let approximation: String?
        public let stores: [(store: Store, kilometres: Double)]

        static let none = Result(place: nil, approximation: nil, stores: [])
    }

    /// Where distances are counted from.
    struct Origin {
        let place: String
        let approximation: String?
        let latitude, longitude: Double
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
              cityKey: PlaceName.key(row.city))
    }

    /// The `limit` stores nearest to the place the query names (a postcode, its first digits, a
    /// city, a département or its prefecture), nearest first; with `selfCheckoutOnly`, only the
    /// stores whose self-checkout tills take the e-card.
    public func search(_ query: String, selfCheckoutOnly: Bool = false, limit: Int = 20) async throws -> Result {
        Self.search(query, in: try await all(), selfCheckoutOnly: selfCheckoutOnly, limit: limit)
    }

    /// « Autour de moi »: the stores nearest to the browser's position.
    public func nearest(latitude: Double, longitude: Double, selfCheckoutOnly: Bool = false, limit: Int = 20) async throws -> Result {
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else { return .none }
        let origin = Origin(place: "votre position", approximation: nil, latitude: latitude, longitude: longitude)
        return Self.nearest(to: origin, in: try await all(), selfCheckoutOnly: selfCheckoutOnly, limit: limit)
    }

    static func search(_ query: String, in stores: [Store], selfCheckoutOnly: Bool = false, limit: Int) -> Result {
        guard query.count <= 80, let origin = origin(of: query, stores: stores) else { return .none }
        return nearest(to: origin, in: stores, selfCheckoutOnly: selfCheckoutOnly, limit: limit)
    }

    static func nearest(to origin: Origin, in stores: [Store], selfCheckoutOnly: Bool, limit: Int) -> Result {
        let sorted = stores.filter { !selfCheckoutOnly || $0.selfCheckout }
            .map { ($0, Geo.kilometres(origin.latitude, origin.longitude, $0.latitude, $0.longitude)) }
            .sorted { $0.1 < $1.1 }
            .prefix(limit)
        return Result(place: origin.place, approximation: origin.approximation, stores: Array(sorted))
    }

    /// The point a query names. The stores' own postcodes and cities come first (their centre is
    /// the mean of their stores); otherwise the département's prefecture stands for the place.
    static func origin(of query: String, stores: [Store]) -> Origin? {
        let text = PlaceName.normalize(query)
        guard !text.isEmpty else { return nil }
        // « 72000 Le Mans »: the postcode says more than the name.
        if let digits = text.split(separator: " ").first(where: { $0.allSatisfy(\.isASCIIDigit) }).map(String.init) {
            return origin(ofPostcode: digits, stores: stores)
        }
        let key = PlaceName.key(text)
        let exact = stores.filter { $0.cityKey == key }
        if let first = exact.first { return centre(of: exact, place: first.city) }
        // A département's name before a city's beginning: « Cher » is not Cherbourg.
        guard let departement = Departement.named(text) else { return city(startingWith: key, in: stores) }
        if PlaceName.key(departement.prefecture) == key {
            // The prefecture's own position: no approximation for that town.
            return Origin(place: "\(departement.prefecture) (\(departement.name))", approximation: nil,
                          latitude: departement.latitude, longitude: departement.longitude)
        }
        return Origin(place: "\(departement.name) (\(departement.code))", approximation: approximation(departement),
                      latitude: departement.latitude, longitude: departement.longitude)
    }

    private static func origin(ofPostcode digits: String, stores: [Store]) -> Origin? {
        let matches = stores.filter { $0.postcode.hasPrefix(digits) }
        if let first = matches.first {
            let place = digits.count < 5 ? Departement.of(postcode: digits).map { "\($0.name) (\(digits))" } : nil
            return centre(of: matches, place: place ?? "\(first.city) (\(digits))")
        }
        guard let departement = Departement.of(postcode: digits) else { return nil }
        return Origin(place: "\(digits) (\(departement.name))", approximation: approximation(departement),
                      latitude: departement.latitude, longitude: departement.longitude)
    }

    /// The shortest of the stores' cities that starts with the key (« saint e » is
    /// Saint-Étienne; « saint » alone is one city, not the mean of every Saint-…).
    private static func city(startingWith key: String, in stores: [Store]) -> Origin? {
        let prefixed = stores.filter { $0.cityKey.hasPrefix(key) }
        guard let chosen = prefixed.min(by: { ($0.cityKey.count, $0.cityKey) < ($1.cityKey.count, $1.cityKey) }) else { return nil }
        return centre(of: prefixed.filter { $0.cityKey == chosen.cityKey }, place: chosen.city)
    }

    private static func centre(of stores: [Store], place: String) -> Origin {
        Origin(place: place, approximation: nil, latitude: stores.map(\.latitude).reduce(0, +) / Double(stores.count),
               longitude: stores.map(\.longitude).reduce(0, +) / Double(stores.count))
    }

    private static func approximation(_ departement: Departement) -> String {
        "Distances approximatives, comptées depuis \(departement.prefecture), préfecture du département \(departement.name) (\(departement.code))."
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
