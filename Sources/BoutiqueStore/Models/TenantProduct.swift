import BoutiqueCore
import FluentKit
import Foundation

/// A product offered by one CSE, at the discount that CSE negotiated. A product without such a
/// row is not in that CSE's catalogue.
public final class TenantProduct: Model, @unchecked Sendable {
    public static let schema = "tenant_products"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tenant_id") public var tenant: Tenant
    @Parent(key: "product_id") public var product: Product
    /// The negotiated rate in basis points; `nil` takes the product's default.
    @OptionalField(key: "discount_bp") public var discountBasisPoints: Int?
    @Field(key: "is_enabled") public var isEnabled: Bool

    public init() {}

    public init(id: UUID? = nil, tenantID: UUID, productID: UUID, discountBasisPoints: Int? = nil, isEnabled: Bool = true) {
        self.id = id
        self.$tenant.id = tenantID
        self.$product.id = productID
        self.discountBasisPoints = discountBasisPoints
        self.isEnabled = isEnabled
    }
}
