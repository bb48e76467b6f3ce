import BoutiqueCore
import FluentKit
import Foundation
import SQLKit

/// `cart_lines`: each employee's « Mon panier ». Lines belong to their user and to the CSE they
/// were added in; every read and write names both.
public struct CartTable: Sendable {
    let db: any Database

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let productID: UUID
        public let faceValueCents: Int
        public let quantity: Int
    }

    /// A line priced with what the catalogue says today.
    public struct PricedLine: Sendable {
        public let id: UUID
        public let faceValueCents: Int
        public let quantity: Int
        public let product: ProductRecord
        /// The CSE's rate (its own, else the product's default).
        public let rateBasisPoints: Int
    }

    /// The user's lines in the scope's CSE, oldest first.
    public func lines(of userID: UUID, in scope: TenantScope) async throws -> [Line] {
        try await CartLine.query(on: db).filter(\.$user.$id == userID).filter(\.$tenant.$id == scope.tenantID)
            .sort(\.$createdAt).all().map(Self.line)
    }

    /// One of the user's own lines.
    public func line(_ id: UUID, of userID: UUID) async throws -> Line? {
        try await CartLine.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).first().map(Self.line)
    }

    public func add(userID: UUID, in scope: TenantScope, productID: UUID, faceValueCents: Int, quantity: Int) async throws {
        try await CartLine(userID: userID, tenantID: scope.tenantID, productID: productID,
                           faceValueCents: faceValueCents, quantity: quantity).create(on: db)
    }

    /// Sets one of the user's lines' quantity; false when it is not theirs (or gone).
    @discardableResult
    public func setQuantity(_ quantity: Int, line id: UUID, of userID: UUID) async throws -> Bool {
        guard let line = try await CartLine.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).first() else { return false }
        line.quantity = quantity
        try await line.save(on: db)
        return true
    }

    /// Removes one of the user's lines; false when it is not theirs (or gone).
    @discardableResult
    public func remove(line id: UUID, of userID: UUID) async throws -> Bool {
        guard let line = try await CartLine.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).first() else { return false }
        try await line.delete(on: db)
        return true
    }

    /// Empties the user's cart (an order was placed).
    public func clear(of userID: UUID) async throws {
        try await CartLine.query(on: db).filter(\.$user.$id == userID).delete()
    }

    /// The user's lines in the scope's CSE whose product is enabled and offered there, with the
    /// product and the CSE's rate, oldest first. One statement: the cart page and every order
    /// placement read it, and through Fluent it was three queries whose building (SQLKit quoting
    /// every column name) cost more than SQLite answering them.
    public func pricedLines(of userID: UUID, in scope: TenantScope) async throws -> [PricedLine] {
        let rows = try await db.requireSQL().raw("""
            SELECT l.id, l.face_value_cents, l.quantity, l.product_id,
                   p.slug, p.name, p.retailer, p.description, p.min_amount_cents, p.max_amount_cents, p.denominations_cents,
                   p.max_quantity, p.validity_months, p.usage_conditions, p.excluded_categories, p.default_discount_bp,
                   p.is_enabled, COALESCE(o.discount_bp, p.default_discount_bp) AS rate_bp
            FROM cart_lines l
            JOIN products p ON p.id = l.product_id AND p.is_enabled = \(bind: true)
            JOIN tenant_products o ON o.product_id = l.product_id AND o.tenant_id = l.tenant_id AND o.is_enabled = \(bind: true)
            WHERE l.user_id = \(bind: userID) AND l.tenant_id = \(bind: scope.tenantID)
            ORDER BY l.created_at, l.id
            """).all()
        return try rows.map { row in
            let product = ProductRecord(
                id: try row.decode(column: "product_id", as: UUID.self), slug: try row.decode(column: "slug", as: String.self),
                name: try row.decode(column: "name", as: String.self), retailer: try row.decode(column: "retailer", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                minAmountCents: try row.decode(column: "min_amount_cents", as: Int.self),
                maxAmountCents: try row.decode(column: "max_amount_cents", as: Int.self),
                denominationsCents: try row.decode(column: "denominations_cents", as: [Int].self),
                maxQuantity: try row.decode(column: "max_quantity", as: Int.self),
                validityMonths: try row.decode(column: "validity_months", as: Int.self),
                usageConditions: try row.decode(column: "usage_conditions", as: String.self),
                excludedCategories: try row.decode(column: "excluded_categories", as: [String].self),
                defaultDiscountBasisPoints: try row.decode(column: "default_discount_bp", as: Int.self),
                isEnabled: try row.decode(column: "is_enabled", as: Bool.self))
            return PricedLine(id: try row.decode(column: "id", as: UUID.self),
                              faceValueCents: try row.decode(column: "face_value_cents", as: Int.self),
                              quantity: try row.decode(column: "quantity", as: Int.self), product: product,
                              rateBasisPoints: try row.decode(column: "rate_bp", as: Int.self))
        }
    }

    private static func line(_ line: CartLine) throws -> Line {
        Line(id: try line.requireID(), productID: line.$product.id, faceValueCents: line.faceValueCents, quantity: line.quantity)
    }
}

extension Tables {
    public var carts: CartTable { CartTable(db: db) }
}
