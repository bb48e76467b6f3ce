import BoutiqueCore
import BoutiqueStore
import Foundation

/// The demo's stores: four stores of the fictional retailer's brands around the centre of each of
/// eighty French cities (real city coordinates and postcodes; the stores and streets are made up).
public enum DemoStores {
    struct City {
        let name: String
        let postcode: String
        let latitude: Double
        let longitude: Double
    }

    static let cities: [City] = [
        City(name: "Paris", postcode: "75001", latitude: 48.8566, longitude: 2.3522),
        City(name: "Marseille", postcode: "13001", latitude: 43.2965, longitude: 5.3698),
        City(name: "Lyon", postcode: "69001", latitude: 45.7640, longitude: 4.8357),
        City(name: "Toulouse", postcode: "31000", latitude: 43.6047, longitude: 1.4442),
        City(name: "Nice", postcode: "06000", latitude: 43.7102, longitude: 7.2620),
        City(name: "Nantes", postcode: "44000", latitude: 47.2184, longitude: -1.5536),
        City(name: "Strasbourg", postcode: "67000", latitude: 48.5734, longitude: 7.7521),
        City(name: "Montpellier", postcode: "34000", latitude: 43.6108, longitude: 3.8767),
        City(name: "Bordeaux", postcode: "33000", latitude: 44.8378, longitude: -0.5792),
        City(name: "Lille", postcode: "59000", latitude: 50.6292, longitude: 3.0573),
        City(name: "Rennes", postcode: "35000", latitude: 48.1173, longitude: -1.6778),
        City(name: "Reims", postcode: "51100", latitude: 49.2583, longitude: 4.0317),
        City(name: "Le Havre", postcode: "76600", latitude: 49.4944, longitude: 0.1079),
        City(name: "Saint-Étienne", postcode: "42000", latitude: 45.4397, longitude: 4.3872),
        City(name: "Toulon", postcode: "83000", latitude: 43.1242, longitude: 5.9280),
        City(name: "Grenoble", postcode: "38000", latitude: 45.1885, longitude: 5.7245),
        City(name: "Dijon", postcode: "21000", latitude: 47.3220, longitude: 5.0415),
        City(name: "Angers", postcode: "49000", latitude: 47.4784, longitude: -0.5632),
        City(name: "Nîmes", postcode: "30000", latitude: 43.8367, longitude: 4.3601),
        City(name: "Villeurbanne", postcode: "69100", latitude: 45.7719, longitude: 4.8902),
        City(name: "Clermont-Ferrand", postcode: "63000", latitude: 45.7772, longitude: 3.0870),
        City(name: "Le Mans", postcode: "72000", latitude: 48.0061, longitude: 0.1996),
        City(name: "Aix-en-Provence", postcode: "13100", latitude: 43.5297, longitude: 5.4474),
        City(name: "Brest", postcode: "29200", latitude: 48.3904, longitude: -4.4861),
        City(name: "Tours", postcode: "37000", latitude: 47.3941, longitude: 0.6848),
        City(name: "Amiens", postcode: "80000", latitude: 49.8941, longitude: 2.2958),
        City(name: "Limoges", postcode: "87000", latitude: 45.8336, longitude: 1.2611),
        City(name: "Annecy", postcode: "74000", latitude: 45.8992, longitude: 6.1294),
        City(name: "Perpignan", postcode: "66000", latitude: 42.6887, longitude: 2.8948),
        City(name: "Metz", postcode: "57000", latitude: 49.1193, longitude: 6.1757),
        City(name: "Besançon", postcode: "25000", latitude: 47.2378, longitude: 6.0241),
        City(name: "Orléans", postcode: "45000", latitude: 47.9030, longitude: 1.9093),
        City(name: "Rouen", postcode: "76000", latitude: 49.4432, longitude: 1.0999),
        City(name: "Mulhouse", postcode: "68100", latitude: 47.7508, longitude: 7.3359),
        City(name: "Caen", postcode: "14000", latitude: 49.1829, longitude: -0.3707),
        City(name: "Nancy", postcode: "54000", latitude: 48.6921, longitude: 6.1844),
        City(name: "Argenteuil", postcode: "95100", latitude: 48.9472, longitude: 2.2467),
        City(name: "Montreuil", postcode: "93100", latitude: 48.8638, longitude: 2.4485),
        City(name: "Roubaix", postcode: "59100", latitude: 50.6942, longitude: 3.1746),
        City(name: "Tourcoing", postcode: "59200", latitude: 50.7239, longitude: 3.1612),
        City(name: "Avignon", postcode: "84000", latitude: 43.9493, longitude: 4.8055),
        City(name: "Poitiers", postcode: "86000", latitude: 46.5802, longitude: 0.3404),
        City(name: "Pau", postcode: "64000", latitude: 43.2951, longitude: -0.3708),
        City(name: "La Rochelle", postcode: "17000", latitude: 46.1603, longitude: -1.1511),
        City(name: "Calais", postcode: "62100", latitude: 50.9513, longitude: 1.8587),
        City(name: "Cannes", postcode: "06400", latitude: 43.5528, longitude: 7.0174),
        City(name: "Béziers", postcode: "34500", latitude: 43.3442, longitude: 3.2158),
        City(name: "Bourges", postcode: "18000", latitude: 47.0810, longitude: 2.3988),
        City(name: "Quimper", postcode: "29000", latitude: 47.9960, longitude: -4.1024),
        City(name: "Valence", postcode: "26000", latitude: 44.9334, longitude: 4.8924),
        City(name: "Troyes", postcode: "10000", latitude: 48.2973, longitude: 4.0744),
        City(name: "Chambéry", postcode: "73000", latitude: 45.5646, longitude: 5.9178),
        City(name: "Lorient", postcode: "56100", latitude: 47.7483, longitude: -3.3702),
        City(name: "Vannes", postcode: "56000", latitude: 47.6582, longitude: -2.7608),
        City(name: "Niort", postcode: "79000", latitude: 46.3237, longitude: -0.4588),
        City(name: "Ajaccio", postcode: "20000", latitude: 41.9192, longitude: 8.7386),
        City(name: "Bastia", postcode: "20200", latitude: 42.6977, longitude: 9.4508),
        City(name: "Colmar", postcode: "68000", latitude: 48.0794, longitude: 7.3585),
        City(name: "Saint-Malo", postcode: "35400", latitude: 48.6493, longitude: -2.0257),
        City(name: "Chartres", postcode: "28000", latitude: 48.4439, longitude: 1.4890),
        City(name: "Angoulême", postcode: "16000", latitude: 45.6484, longitude: 0.1562),
        City(name: "Bayonne", postcode: "64100", latitude: 43.4929, longitude: -1.4748),
        City(name: "Carcassonne", postcode: "11000", latitude: 43.2130, longitude: 2.3491),
        City(name: "Auxerre", postcode: "89000", latitude: 47.7982, longitude: 3.5731),
        City(name: "Blois", postcode: "41000", latitude: 47.5861, longitude: 1.3359),
        City(name: "Laval", postcode: "53000", latitude: 48.0707, longitude: -0.7734),
        City(name: "Évreux", postcode: "27000", latitude: 49.0241, longitude: 1.1508),
        City(name: "Dunkerque", postcode: "59140", latitude: 51.0343, longitude: 2.3768),
        City(name: "Saint-Nazaire", postcode: "44600", latitude: 47.2735, longitude: -2.2138),
        City(name: "Cherbourg-en-Cotentin", postcode: "50100", latitude: 49.6337, longitude: -1.6222),
        City(name: "Arras", postcode: "62000", latitude: 50.2910, longitude: 2.7775),
        City(name: "Montauban", postcode: "82000", latitude: 44.0176, longitude: 1.3550),
        City(name: "Agen", postcode: "47000", latitude: 44.2033, longitude: 0.6163),
        City(name: "Périgueux", postcode: "24000", latitude: 45.1846, longitude: 0.7214),
        City(name: "Brive-la-Gaillarde", postcode: "19100", latitude: 45.1588, longitude: 1.5321),
        City(name: "Albi", postcode: "81000", latitude: 43.9289, longitude: 2.1464),
        City(name: "Tarbes", postcode: "65000", latitude: 43.2328, longitude: 0.0781),
        City(name: "Gap", postcode: "05000", latitude: 44.5594, longitude: 6.0786),
        City(name: "Vichy", postcode: "03200", latitude: 46.1277, longitude: 3.4260),
        City(name: "Mâcon", postcode: "71000", latitude: 46.3069, longitude: 4.8287),
    ]

    static let brands = ["Maison Lumière", "Lumière Market", "Market", "Lumière Proximité"]
    static let streets = ["avenue de la République", "rue Victor-Hugo", "boulevard Jean-Jaurès", "place du Marché"]
    static let hours = ["Lun.–sam. 8 h 30 – 21 h, dim. 9 h – 12 h 30", "Lun.–sam. 8 h – 20 h 30", "Tous les jours 7 h – 22 h", ""]

    /// The demo's stores as a CSV, through the same import as an operator's file.
    public static var csv: String {
        var lines = [StoreImport.columns.joined(separator: ",")]
        for (cityIndex, city) in cities.enumerated() {
            for n in 0..<4 {
                // A fixed spread of up to ~3 km around the centre, the same at every start.
                let angle = Double(cityIndex * 4 + n) * 2.399963
                let radius = 0.004 + 0.006 * Double(n)
                let latitude = city.latitude + radius * sin(angle)
                let longitude = city.longitude + radius * cos(angle) * 1.4
                let code = "DEMO-\(city.postcode)-\(n + 1)"
                let fields = [code, brands[n], "\(brands[n]) \(city.name)\(n > 0 ? " \(n + 1)" : "")",
                              "\(10 + 7 * n) \(streets[(cityIndex + n) % streets.count])", city.postcode, city.name,
                              String(format: "%.5f", latitude), String(format: "%.5f", longitude), hours[n], n == 3 ? "non" : "oui"]
                lines.append(fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Loads the demo stores into an empty table.
    public static func seedIfEmpty(_ database: BoutiqueDatabase) async throws {
        guard try await database.tables.storeLocations.count() == 0 else { return }
        _ = try await StoreImport(database: database).run(actor: .commandLine, csv: csv)
    }
}
