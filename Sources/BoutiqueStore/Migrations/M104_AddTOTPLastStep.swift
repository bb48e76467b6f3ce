import BoutiqueCore
import FluentKit
import SQLKit

/// The last TOTP time step (Unix time / 30 s) accepted for a user: a code whose step is not
/// after it is refused, so a code seen over a shoulder or replayed within its 90 s of validity
/// opens nothing. NULL until a first code is accepted.
struct M104_AddTOTPLastStep: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.requireSQL().raw("ALTER TABLE users ADD COLUMN totp_last_step BIGINT").run()
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().raw("ALTER TABLE users DROP COLUMN totp_last_step").run()
    }
}
