import BoutiqueCore
import FluentKit
import Foundation

/// The catalogue: `products` (the operator's) and `tenant_products` (each CSE's offers and rates).
public struct ProductTable: Sendable {
    let db: any Database

    /// A product the scope's CSE offers: enabled product, enabled offer; with the CSE's rate in
    /// basis points (its own, else the product's default).
    public func offer(_ productID: UUID, in scope: TenantScope) async throws -> (product: ProductRecord, rateBasisPoints: Int)? {
        guard let row = try await TenantProduct.query(on: db)
            .filter(\.$tenant.$id == scope.tenantID).filter(\.$product.$id == productID).filter(\.$isEnabled == true)
            .with(\.$product).first(),
            row.product.isEnabled
        else { return nil }
        return (try ProductRecord(row.product), row.discountBasisPoints ?? row.product.defaultDiscountBasisPoints)
    }

    /// Any product, enabled or not (the operator's console; order lines' snapshots).
    public func find(_ productID: UUID) async throws -> ProductRecord? {
        try await Product.find(productID, on: db).map(ProductRecord.init)
    }
}

extension Tables {
    public var products: ProductTable { ProductTable(db: db) }
}
