import BoutiqueCore
import FluentKit
import Foundation

/// `store_locations`: the stores that accept the e-cards (« Où dépenser ma e-Carte »), the same
/// for every CSE; the operator imports them by their retailer's code.
public struct StoreLocationTable: Sendable {
    let db: any Database

    /// A store as stored and as imported.
    public struct Store: Sendable, Equatable {
        /// The retailer's store code, the key of imports.
        public let code: String
        public let brand, name, address, postcode, city, openingHours: String
        public let latitude, longitude: Double
        public let selfCheckout: Bool

        public init(code: String, brand: String, name: String, address: String, postcode: String, city: String,
                    openingHours: String, latitude: Double, longitude: Double, selfCheckout: Bool) {
            self.code = code
            self.brand = brand
            self.name = name
            self.address = address
            self.postcode = postcode
            self.city = city
            self.openingHours = openingHours
            self.latitude = latitude
            self.longitude = longitude
            self.selfCheckout = selfCheckout
        }
    }

    /// Every store, in no order (the locator sorts by distance).
    public func all() async throws -> [Store] {
        try await StoreLocation.query(on: db).all().map(Self.store)
    }

    /// Every store by city then name: the operator's list.
    public func allByCity() async throws -> [Store] {
        try await StoreLocation.query(on: db).sort(\.$city).sort(\.$name).all().map(Self.store)
    }

    /// The names of the stores with these codes, by code; a code no store has is left out.
    public func names(of codes: Set<String>) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await StoreLocation.query(on: db).filter(\.$code ~~ Array(codes)).all()
        return Dictionary(rows.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    public func count() async throws -> Int {
        try await StoreLocation.query(on: db).count()
    }

    /// Updates the stores whose code exists, creates the others.
    /// - Returns: how many were created and updated.
    public func upsert(_ stores: [Store]) async throws -> (created: Int, updated: Int) {
        let existing = try await StoreLocation.query(on: db).all()
        var byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var created = 0, updated = 0
        for row in stores {
            if let store = byCode[row.code] {
                Self.apply(row, to: store)
                try await store.save(on: db)
                updated += 1
            } else {
                let store = StoreLocation()
                store.code = row.code
                Self.apply(row, to: store)
                try await store.create(on: db)
                byCode[row.code] = store
                created += 1
            }
        }
        return (created, updated)
    }

    private static func apply(_ row: Store, to store: StoreLocation) {
        store.brand = row.brand
        store.name = row.name
        store.address = row.address
        store.postcode = row.postcode
        store.city = row.city
        store.latitude = row.latitude
        store.longitude = row.longitude
        store.openingHours = row.openingHours
        store.selfCheckout = row.selfCheckout
    }

    private static func store(_ row: StoreLocation) -> Store {
        Store(code: row.code, brand: row.brand, name: row.name, address: row.address, postcode: row.postcode, city: row.city,
              openingHours: row.openingHours, latitude: row.latitude, longitude: row.longitude, selfCheckout: row.selfCheckout)
    }
}

extension Tables {
    public var storeLocations: StoreLocationTable { StoreLocationTable(db: db) }
}
