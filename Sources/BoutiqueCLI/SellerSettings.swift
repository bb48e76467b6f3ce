import BoutiqueCore
import BoutiqueDocuments
import Foundation

/// The seller printed on invoices, from `BOUTIQUE_SELLER_*`. A partial identity is refused: an
/// invoice needs every legal mention. None at all is the demo's case (its fictional company);
/// outside the demo, `serve` refuses it (`Settings.requireServing`).
enum SellerSettings {
    static let keys = ["NAME", "LEGAL_FORM", "ADDRESS", "SIREN", "SIRET", "RCS", "CAPITAL_CENTS", "VAT", "IBAN", "BIC"]

    /// - Returns: nil when no `BOUTIQUE_SELLER_*` is set.
    static func parse(_ environment: [String: String]) throws(ConfigurationError) -> InvoiceSeller? {
        let values = keys.map { environment["BOUTIQUE_SELLER_\($0)"].flatMap { $0.isEmpty ? nil : $0 } }
        if values.allSatisfy({ $0 == nil }) { return nil }
        let missing = zip(keys, values).filter { $0.1 == nil }.map { "BOUTIQUE_SELLER_\($0.0)" }
        guard missing.isEmpty else {
            throw ConfigurationError("Identité du vendeur incomplète pour les factures : manque \(missing.joined(separator: ", ")).")
        }
        let value = values.map { $0 ?? "" }
        guard let capital = Int(value[6]), capital >= 0 else {
            throw ConfigurationError("BOUTIQUE_SELLER_CAPITAL_CENTS invalide : « \(value[6]) » (en centimes).")
        }
        // The account CSEs pay their dotations to: a typo would send their money elsewhere, so
        // the IBAN's mod-97 key and the BIC's form are checked before anything is served.
        let iban: IBAN, bic: BIC
        do { iban = try IBAN(value[8]) } catch { throw ConfigurationError("BOUTIQUE_SELLER_IBAN : \(error.description)") }
        do { bic = try BIC(value[9]) } catch { throw ConfigurationError("BOUTIQUE_SELLER_BIC : \(error.description)") }
        return InvoiceSeller(name: value[0], legalForm: value[1], addressLines: value[2].split(separator: "|").map(String.init),
                             siren: value[3], siret: value[4], rcs: value[5], shareCapital: Money(cents: capital), vatNumber: value[7],
                             contact: environment["BOUTIQUE_SELLER_CONTACT"], iban: iban, bic: bic)
    }
}
