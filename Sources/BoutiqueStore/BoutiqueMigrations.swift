import BoutiqueCore
import FluentKit

/// Every migration, in the order it runs: the one list. Landed migrations are never edited (nor
/// renamed: Fluent records them by type name): add a new one at the end.
public enum BoutiqueMigrations {
    public static let all: [any Migration] = [
        M001_CreateTenants(),
        M002_CreateUsers(),
        M003_CreateProducts(),
        M004_CreateTenantProducts(),
        M005_CreateJobs(),
        M006_CreateJobTally(),
        M007_CreateMailbox(),
        M008_CreateAccounts(),
        M009_CreateOrders(),
        M010_CreatePayments(),
        M011_CreateStoreLocations(),
        M012_CreateCardSendings(),
        M013_CreateCardReminders(),
        M014_AddSecondFactor(),
        M015_CreateAuditLog(),
        M016_CreateDotations(),
        M017_CreateExpectedEmployees(),
        M018_CreateTenantLogos(),
        // The card ledger and the POS API, numbered from 100.
        M100_CreateCards(),
        M101_CreatePOSClients(),
        // The operator console's POS key columns: numbered in the console's range when it landed,
        // it alters `pos_keys`, so it runs after M101 created that table.
        M030_AddPOSKeyDetails(),
        M102_IdempotencyWithoutStatus(),
        M103_ThrottleDelays(),
        M104_AddTOTPLastStep(),
        M105_CreateRecoveryCodes(),
        M106_AddLastLogin(),
        M110_OneChargePerOrder(),
        M120_CreateDotationTransfers(),
        M121_CreateCreditNotes(),
        // Privacy (« Fermer mon compte »), numbered from 130.
        M130_AddInvoiceBuyer(),
    ]
}
