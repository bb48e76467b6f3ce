import BoutiqueCore
/// The names of the card ledger's and POS API's tables.
public enum CardTable {
    public static let cards = "cards"
    public static let transactions = "card_transactions"
    public static let posClients = "pos_clients"
    public static let posStores = "pos_stores"
    public static let posKeys = "pos_keys"
}
