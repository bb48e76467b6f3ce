import BoutiqueCore
import Foundation

/// Checks what the customer typed on the card form, as a real page would before asking the bank.
/// The full number never leaves this function: only the brand and the last four digits do.
enum CardForm {
    struct Invalid: Error, Equatable {
        let message: String
    }

    static func validate(_ form: [String: String], now: Date) -> Result<(TestCard, TypedCard), Invalid> {
        let number = (form["card_number"] ?? "").filter { !$0.isWhitespace && $0 != "-" }
        guard (13...19).contains(number.count), number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else {
            return .failure(Invalid(message: "Le numéro de carte doit comporter de 13 à 19 chiffres."))
        }
        guard TestCard.passesLuhn(number) else {
            return .failure(Invalid(message: "Numéro de carte invalide : vérifiez votre saisie."))
        }
        guard isValidExpiry(form["expiry"] ?? "", now: now) else {
            return .failure(Invalid(message: "Date d'expiration invalide ou dépassée (format MM/AA)."))
        }
        let cvv = (form["cvv"] ?? "").trimmingCharacters(in: .whitespaces)
        guard cvv.count == 3, cvv.allSatisfy(\.isASCII), cvv.allSatisfy(\.isNumber) else {
            return .failure(Invalid(message: "Le cryptogramme comporte 3 chiffres, au dos de la carte."))
        }
        guard let card = TestCard.find(number) else {
            return .failure(Invalid(message: "Carte inconnue du simulateur : utilisez une des cartes de test ci-dessous."))
        }
        if let chosen = form["card_type"], !chosen.isEmpty, chosen != card.brand {
            return .failure(Invalid(message: "Ce numéro n'est pas celui d'une carte \(chosen) : vérifiez le type de carte choisi."))
        }
        return .success((card, TypedCard(last4: String(number.suffix(4)), brand: card.brand)))
    }

    /// `MM/AA`, valid until the end of that month.
    static func isValidExpiry(_ text: String, now: Date) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        let parts = compact.split(separator: "/")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let month = Int(parts[0]), let year = Int(parts[1]), (1...12).contains(month) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let today = calendar.dateComponents([.year, .month], from: now)
        guard let currentYear = today.year, let currentMonth = today.month else { return false }
        let fullYear = 2_000 + year
        return (fullYear, month) >= (currentYear, currentMonth)
    }
}
