/// Why a charge went back to the buyer's bank.
public enum PaymentRefundReason: String, Sendable, CaseIterable, Codable {
    /// The operator refunded the order.
    case operatorRefund = "operator"
    /// A second charge for an order already paid (or refunded).
    case duplicate
    /// A charge for an order no longer payable (cancelled after its payment lifetime).
    case notPayable = "not-payable"
    /// A charge that would pass the CSE's per-order limit or yearly cap.
    case cap

    /// The operator's order page.
    public var label: String {
        switch self {
        case .operatorRefund: "Remboursement par l'opérateur"
        case .duplicate: "Paiement en double (remboursé automatiquement)"
        case .notPayable: "Paiement d'une commande annulée (remboursé automatiquement)"
        case .cap: "Plafond du CSE dépassé (remboursé automatiquement)"
        }
    }
}
