import BoutiqueCore
import FluentKit
import SQLKit

/// Growing delays between attempts (`Throttle.reserve(_:backoff:)`): when the next attempt of a
/// key may come. Zero for the fixed-window throttles, which do not read it.
struct M103_ThrottleDelays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.requireSQL().raw("ALTER TABLE throttles ADD COLUMN next_at BIGINT NOT NULL DEFAULT 0").run()
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().raw("ALTER TABLE throttles DROP COLUMN next_at").run()
    }
}
