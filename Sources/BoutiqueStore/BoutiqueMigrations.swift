import BoutiqueCore
import FluentKit

/// Every migration, in the order it runs. Landed migrations are never edited: add a new one.
public enum BoutiqueMigrations {
    public static let all: [any Migration] = shop + CardMigrations.all

    static let shop: [any Migration] = [
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
    ]
}
