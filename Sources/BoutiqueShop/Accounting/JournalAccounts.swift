import Foundation

/// The chart of accounts the journal posts to (plan comptable général numbers), configurable
/// because every operator's accountant has their own (`BOUTIQUE_FEC_ACCOUNT_*`). The defaults
/// treat a sold e-Carte as what it is for the seller of a multi-purpose voucher: money held for
/// the holder (4191) until a till spends it, when it becomes owed to the retailer (4671).
public struct JournalAccounts: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public let number: String
        public let label: String

        public init(number: String, label: String) {
            self.number = number
            self.label = label
        }
    }

    /// Employees (one auxiliary account per CSE's staff) and CSEs (one per CSE).
    public var customers = Account(number: "411000", label: "Clients")
    /// What the shop owes card holders: credited at invoice, debited when a card is spent,
    /// refunded or expires.
    public var cardLiability = Account(number: "419100", label: "Clients - e-Cartes en circulation")
    /// The employees' discount: the part of the face value the shop gives away.
    public var discounts = Account(number: "623400", label: "Remises accordées sur e-Cartes")
    /// Card payments collected by the payment provider, not yet paid out to the bank.
    public var paymentProvider = Account(number: "511500", label: "Cartes bancaires à l'encaissement")
    public var bank = Account(number: "512000", label: "Banque")
    /// What the tills spent: owed to the retailers.
    public var retailers = Account(number: "467100", label: "Enseignes - e-Cartes utilisées en caisse")
    /// Balances left on expired cards: the shop's income.
    public var expiredBalances = Account(number: "758000", label: "Soldes d'e-Cartes expirées")

    public init() {}

    public static let standard = JournalAccounts()

    /// The settings' names, with the account each one sets.
    public static let settings: [(name: String, keyPath: WritableKeyPath<JournalAccounts, Account>)] = [
        ("BOUTIQUE_FEC_ACCOUNT_CUSTOMERS", \.customers), ("BOUTIQUE_FEC_ACCOUNT_CARD_LIABILITY", \.cardLiability),
        ("BOUTIQUE_FEC_ACCOUNT_DISCOUNTS", \.discounts), ("BOUTIQUE_FEC_ACCOUNT_PSP", \.paymentProvider),
        ("BOUTIQUE_FEC_ACCOUNT_BANK", \.bank), ("BOUTIQUE_FEC_ACCOUNT_RETAILERS", \.retailers),
        ("BOUTIQUE_FEC_ACCOUNT_EXPIRED_BALANCES", \.expiredBalances),
    ]

    /// Sets accounts from `BOUTIQUE_FEC_ACCOUNT_*` values (« 419100 » or « 419100 Libellé »).
    /// - Returns: nil and the French message of the first value that is not an account number of
    ///   the plan comptable général (3 to 12 digits, classes 1 to 7).
    public static func configured(_ environment: [String: String]) -> (accounts: JournalAccounts?, error: String?) {
        var accounts = JournalAccounts.standard
        for (name, keyPath) in settings {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            let number = parts[0]
            guard (3...12).contains(number.count), number.allSatisfy(\.isASCIIDigit), let first = number.first, ("1"..."7").contains(first)
            else { return (nil, "\(name) : « \(value) » n'est pas un numéro de compte du plan comptable (3 à 12 chiffres, classes 1 à 7).") }
            let label = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : accounts[keyPath: keyPath].label
            accounts[keyPath: keyPath] = Account(number: number, label: label)
        }
        return (accounts, nil)
    }
}
