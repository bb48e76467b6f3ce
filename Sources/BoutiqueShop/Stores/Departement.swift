import Foundation

/// A French département and the position of its prefecture, from `Resources/departements.csv`
/// (its README names the source). No postcode or commune table ships with the shop, so a
/// postcode or a commune that none of the stores has is placed at its département's prefecture:
/// an approximation of some tens of kilometres, enough to list the nearest stores.
public struct Departement: Sendable, Equatable {
    public let code: String
    public let name: String
    public let prefecture: String
    public let latitude, longitude: Double

    /// The 101 départements, read once.
    public static let all: [Departement] = {
        guard let url = Bundle.module.url(forResource: "departements", withExtension: "csv", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Resources/departements.csv is missing from the BoutiqueShop bundle")
        }
        return parse(text)
    }()

    static func parse(_ text: String) -> [Departement] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let latitude = Double(fields[3]), let longitude = Double(fields[4]) else { return nil }
            return Departement(code: fields[0], name: fields[1], prefecture: fields[2], latitude: latitude, longitude: longitude)
        }
    }

    /// The département of a postcode (5 digits) or of its first digits: « 72 », « 72300 »,
    /// « 20090 » (Corse-du-Sud: 200xx and 201xx; Haute-Corse from 202xx), « 97411 » (La Réunion).
    public static func of(postcode: String) -> Departement? {
        guard postcode.count >= 2, postcode.count <= 5, postcode.allSatisfy(\.isASCIIDigit) else { return nil }
        let code: String
        if postcode.hasPrefix("97") || postcode.hasPrefix("98") {
            guard postcode.count >= 3 else { return nil }
            code = String(postcode.prefix(3))
        } else if postcode.hasPrefix("20") {
            // « 20 » alone is Corsica as a whole: no one prefecture; 3 digits tell the two apart.
            guard postcode.count >= 3 else { return nil }
            code = postcode.dropFirst(2).first.map { $0 < "2" } == true ? "2A" : "2B"
        } else {
            code = String(postcode.prefix(2))
        }
        return all.first { $0.code == code }
    }

    /// The département named, by its code (« 2A »), its name (« Sarthe ») or its prefecture (« Mende »), however it
    /// is typed (see `PlaceName`).
    public static func named(_ text: String) -> Departement? {
        let key = PlaceName.key(text)
        guard !key.isEmpty else { return nil }
        return all.first { PlaceName.key($0.code) == key || PlaceName.key($0.name) == key }
            ?? all.first { PlaceName.key($0.prefecture) == key }
    }
}
