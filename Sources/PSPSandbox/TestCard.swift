import BoutiqueCore
/// The card numbers the hosted page accepts, each with the outcome the "bank" gives. Any future
/// expiry date and any 3-digit cryptogram go with them.
struct TestCard: Sendable, Equatable {
    enum Outcome: Sendable, Equatable {
        /// Accepted without a 3-D Secure challenge.
        case frictionless
        /// The bank asks for the SMS code; the right code accepts, a wrong one refuses.
        case challenge
        /// Refused by the bank: insufficient funds.
        case insufficientFunds
        /// Refused by the bank: the card has expired (whatever date was typed).
        case expiredCard
        /// 3-D Secure authentication fails before any code is asked.
        case authenticationFailure
    }

    let number: String
    let brand: String
    let outcome: Outcome
    /// The test card table's text, in French.
    let label: String

    static let all: [TestCard] = [
        TestCard(number: "4970100000000006", brand: "VISA", outcome: .frictionless, label: "Paiement accepté sans authentification"),
        TestCard(number: "5130100000000000", brand: "MasterCard", outcome: .frictionless, label: "Paiement accepté sans authentification"),
        TestCard(number: "4970100000000014", brand: "VISA", outcome: .challenge,
                 label: "Authentification 3-D Secure : code SMS affiché à l'étape suivante, puis paiement accepté"),
        TestCard(number: "5130100000000018", brand: "MasterCard", outcome: .challenge,
                 label: "Authentification 3-D Secure : code SMS affiché à l'étape suivante, puis paiement accepté"),
        TestCard(number: "4970100000000022", brand: "VISA", outcome: .insufficientFunds, label: "Paiement refusé : provision insuffisante"),
        TestCard(number: "4970100000000030", brand: "VISA", outcome: .expiredCard, label: "Paiement refusé : carte expirée"),
        TestCard(number: "4970100000000048", brand: "VISA", outcome: .authenticationFailure, label: "Échec de l'authentification 3-D Secure"),
    ]

    static func find(_ number: String) -> TestCard? {
        all.first { $0.number == number }
    }

    /// `4970 1000 0000 0006`, as printed on a card.
    var grouped: String {
        stride(from: 0, to: number.count, by: 4).map { offset in
            let start = number.index(number.startIndex, offsetBy: offset)
            let end = number.index(start, offsetBy: 4, limitedBy: number.endIndex) ?? number.endIndex
            return String(number[start..<end])
        }.joined(separator: " ")
    }

    static func passesLuhn(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            let value = index.isMultiple(of: 2) ? digit : digit * 2
            sum += value > 9 ? value - 9 : value
        }
        return sum.isMultiple(of: 10)
    }
}
