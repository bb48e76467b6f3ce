import BoutiqueCore
import FluentKit

/// The card ledger's and POS API's migrations (cards, transactions, POS clients and keys,
/// idempotency records), numbered from 100, run after the shop's own.
enum CardMigrations {
    static let all: [any Migration] = [
        M100_CreateCards(),
        M101_CreatePOSClients(),
        // The operator console's columns; numbered in the console's range, run here because it
        // alters a table created above.
        M030_AddPOSKeyDetails(),
    ]
}
