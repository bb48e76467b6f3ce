import BoutiqueCore
/// The job that asks the provider about a payment and applies its answer to the order.
public struct PaymentCheck: Codable, Sendable {
    public static let kind = ShopJobKind.checkPayment.rawValue
    public let provider: String
    public let reference: String

    public init(provider: String, reference: String) {
        self.provider = provider
        self.reference = reference
    }
}
