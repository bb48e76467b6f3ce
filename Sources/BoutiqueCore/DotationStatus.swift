/// Where a dotation stands: the CSE is invoiced, pays by transfer, the operator records the
/// payment, then the cards are issued (on the activation date when one was chosen).
public enum DotationStatus: String, Codable, Sendable, CaseIterable {
    case awaitingPayment, paid, issued, cancelled

    /// The label on the consoles' pages and in the CSV export.
    public var label: String {
        switch self {
        case .awaitingPayment: "En attente de virement"
        case .paid: "Payée, cartes en préparation"
        case .issued: "Cartes émises"
        case .cancelled: "Annulée"
        }
    }
}
