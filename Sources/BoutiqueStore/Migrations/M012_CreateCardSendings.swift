import BoutiqueCore
import FluentKit

/// "Envoyer ma e-Carte": who a card was (or will be) sent to, and when.
struct M012_CreateCardSendings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CardSending.schema)
            .id()
            .field("card_id", .uuid, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("recipient_email", .string, .required)
            .field("recipient_name", .string, .required)
            .field("message", .string, .required)
            .field("send_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CardSending.schema).delete()
    }
}
