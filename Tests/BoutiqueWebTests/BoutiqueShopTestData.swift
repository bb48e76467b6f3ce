import BoutiqueCore
import BoutiqueStore
import FluentKit

enum BoutiqueShopTestData {
    static func tenant(_ slug: String, _ database: BoutiqueDatabase) async throws -> Tenant? {
        try await Tenant.query(on: database.db).filter(\.$slug == slug).first()
    }
}
