import BoutiqueCore
import FluentKit
import Foundation

/// A line of an employee's cart ("Mon panier"): a product, a load amount and a quantity. Prices
/// are not stored: the cart always shows the CSE's current rate.
public final class CartLine: Model, @unchecked Sendable {
    public static let schema = "cart_lines"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Parent(key: "tenant_id") public var tenant: Tenant
    @Parent(key: "product_id") public var product: Product
    @Field(key: "face_value_cents") public var faceValueCents: Int
    @Field(key: "quantity") public var quantity: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, tenantID: UUID, productID: UUID, faceValueCents: Int, quantity: Int) {
        self.$user.id = userID
        self.$tenant.id = tenantID
        self.$product.id = productID
        self.faceValueCents = faceValueCents
        self.quantity = quantity
    }
}
