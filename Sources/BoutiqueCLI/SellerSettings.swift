import BoutiqueCore
import BoutiqueDocuments
import BoutiqueShop
import Foundation

/// The seller printed on invoices, from `BOUTIQUE_SELLER_*`; the demo's fictional company when
/// none is set in the demo. Outside the demo, and for a partial identity, start-up is refused: an
/// invoice needs every legal mention, and a real customer must never get the fictional company's.
enum SellerSettings {
    static let keys = ["NAME", "LEGAL_FORM", "ADDRESS", "SIREN", "SIRET", "RCS", "CAPITAL_CENTS", "VAT"]

    static func load(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                     isDemo: Bool) throws(ConfigurationError) -> InvoiceSeller {
        let values = keys.map { environment["BOUTIQUE_SELLER_\($0)"].flatMap { $0.isEmpty ? nil : $0 } }
        if values.allSatisfy({ $0 == nil }) {
            guard isDemo else {
                throw ConfigurationError("Identité du vendeur requise hors démonstration (factures) : définissez "
                                         + keys.map { "BOUTIQUE_SELLER_\($0)" }.joined(separator: ", ") + ".")
            }
            return ShopSettings.demoSeller
        }
        let missing = zip(keys, values).filter { $0.1 == nil }.map { "BOUTIQUE_SELLER_\($0.0)" }
        guard missing.isEmpty else {
            throw ConfigurationError("Identité du vendeur incomplète pour les factures : manque \(missing.joined(separator: ", ")).")
        }
        let value = values.map { $0 ?? "" }
        guard let capital = Int(value[6]), capital >= 0 else {
            throw ConfigurationError("BOUTIQUE_SELLER_CAPITAL_CENTS invalide : « \(value[6]) » (en centimes).")
        }
        return InvoiceSeller(name: value[0], legalForm: value[1], addressLines: value[2].split(separator: "|").map(String.init),
                             siren: value[3], siret: value[4], rcs: value[5], shareCapital: Money(cents: capital), vatNumber: value[7],
                             contact: environment["BOUTIQUE_SELLER_CONTACT"])
    }
}
