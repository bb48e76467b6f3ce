import BoutiqueCore
import BoutiqueDocuments
import BoutiqueStore
import Foundation
import Logging

/// The composition root of the shop: every use case, built once from the settings over one
/// database. The web application, the POS API and every CLI command receive this value and call
/// its use cases; none of them sees the database, Fluent or SQL (see ARCHITECTURE.md).
public struct ShopServices: Sendable {
    let database: BoutiqueDatabase
    /// The standby the consoles' reports read while it is fresh (`BOUTIQUE_DATABASE_REPLICA_URL`).
    let replica: ReadReplica?
    public let settings: ShopSettings
    /// Renders the e-mails' templates.
    public let composer: MailComposer

    public let accounts: Accounts
    public let sessions: Sessions
    public let secondFactor: SecondFactor
    public let staff: StaffAccounts
    public let identificationKeys: IdentificationKeys
    public let catalogue: Catalogue
    public let cart: Cart
    public let orders: Orders
    public let orderHistory: OrderHistory
    /// Nil without a payment provider: orders wait for a payment the shop cannot take.
    public let payments: Payments?
    public let refunds: Refunds?
    public let dotations: Dotations
    public let dotationInvoices: DotationInvoices
    public let employees: EmployeeDirectory
    public let employeeImport: EmployeeImport
    public let managerDashboard: ManagerDashboard
    public let managerExports: ManagerExports
    public let tenants: TenantAdmin
    public let tenantLogos: TenantLogos
    public let products: ProductAdmin
    public let orderSearch: OrderSearch
    public let accountingExport: AccountingExport
    /// The FEC journal and the cards' liability, for the operator's accountant.
    public let journalExport: JournalExport
    public let cardLiability: CardLiability
    public let stores: StoreDirectory
    public let storeImport: StoreImport
    public let contact: Contact
    public let mailbox: Mailbox
    public let posClients: POSClients
    /// Nil without the card key: the cards pages and the POS API are not served.
    public let myCards: MyCards?
    public let cardGifts: CardGifts?
    public let audit: AuditLog
    /// « Mes données » and « Fermer mon compte ».
    public let personalData: PersonalData
    public let accountClosure: AccountClosure
    /// The forms' anti-forgery tokens, bound to the session.
    public let formTokens: FormTokens
    public let backgroundJobs: BackgroundJobs

    /// Builds every use case over an open database (tests hand in their own).
    public init(database: BoutiqueDatabase, settings: ShopSettings, replica: ReadReplica? = nil) async throws {
        self.database = database
        self.replica = replica
        self.settings = settings
        let composer = try await MailComposer(settings: settings.mailSettings)
        self.composer = composer
        accounts = Accounts(database: database, hasher: PasswordHasher(cost: settings.bcryptCost), composer: composer,
                            publicURL: settings.publicURL)
        sessions = Sessions(database: database, limits: settings.sessionLimits)
        secondFactor = SecondFactor(database: database, accounts: accounts,
                                    policy: SecondFactorPolicy(operatorsRequired: settings.operatorsNeedSecondFactor),
                                    secrets: settings.cardSecrets)
        staff = StaffAccounts(accounts: accounts)
        identificationKeys = IdentificationKeys(database: database)
        catalogue = Catalogue(database: database)
        cart = Cart(database: database)
        orders = Orders(database: database)
        orderHistory = OrderHistory(database: database, seller: settings.seller)
        payments = settings.payments.map { Payments(database: database, settings: $0, composer: composer) }
        refunds = settings.payments.map { Refunds(database: database, provider: $0.provider, composer: composer, seller: settings.seller) }
        dotations = Dotations(database: database, ceiling: settings.urssafCeiling)
        dotationInvoices = DotationInvoices(dotations: dotations, seller: settings.seller, composer: composer)
        employees = EmployeeDirectory(database: database)
        employeeImport = EmployeeImport(database: database, accounts: accounts)
        managerDashboard = ManagerDashboard(database: database, replica: replica)
        managerExports = ManagerExports(database: database, replica: replica)
        tenants = TenantAdmin(database: database)
        tenantLogos = TenantLogos(database: database)
        products = ProductAdmin(database: database)
        orderSearch = OrderSearch(database: database)
        accountingExport = AccountingExport(database: database, replica: replica)
        journalExport = JournalExport(database: database, replica: replica, accounts: settings.journalAccounts, siren: settings.seller.siren)
        cardLiability = CardLiability(database: database, replica: replica)
        stores = StoreDirectory(database: database)
        storeImport = StoreImport(database: database)
        contact = Contact(database: database, composer: composer, operatorEmail: settings.operatorEmail)
        mailbox = Mailbox(database: database)
        posClients = POSClients(database: database)
        myCards = settings.cardSecrets.map { MyCards(database: database, secrets: $0) }
        cardGifts = myCards.map { CardGifts(cards: $0, composer: composer) }
        audit = AuditLog(database: database)
        personalData = PersonalData(database: database, accounts: accounts, secondFactor: secondFactor, history: orderHistory, cards: myCards)
        accountClosure = AccountClosure(database: database, accounts: accounts, secondFactor: secondFactor, composer: composer,
                                        publicURL: settings.publicURL)
        formTokens = FormTokens(secrets: settings.cardSecrets)
        backgroundJobs = BackgroundJobs(database: database)
    }

    /// Opens the configured database (failures are one French line) and builds the services.
    /// With `replica`, the consoles' reports read that standby while it lags by at most its
    /// `maxLag`.
    public static func open(_ location: DatabaseLocation, replica: ReplicaSettings? = nil, settings: ShopSettings,
                            logger: Logger) async throws -> ShopServices {
        let database = try await BoutiqueDatabase.open(location, logger: logger)
        var standby: ReadReplica?
        do {
            if let replica {
                standby = ReadReplica(database: try BoutiqueDatabase.openReplica(url: replica.url, logger: logger),
                                      maxLag: replica.maxLag, logger: logger)
            }
            return try await ShopServices(database: database, settings: settings, replica: standby)
        } catch {
            await standby?.database.close()
            await database.close()
            throw error
        }
    }

    /// Brings the schema up to date (every instance may run it; migrations are idempotent).
    /// The schema's migrations, then the data upgrades that need the settings' keys (TOTP
    /// secrets stored in clear before they were sealed).
    public func migrate() async throws {
        try await database.migrate()
        try await secondFactor.sealStoredSecrets()
    }

    /// Whether the database answers: the readiness probe.
    public func ping() async throws { try await database.ping() }

    public func close() async {
        await replica?.database.close()
        await database.close()
    }

    /// The card redemptions of the POS API, with their card-guess throttle; nil without the card key.
    public func cardRedemptions(guessLimit: Int, guessWindow: Duration,
                                now: @escaping @Sendable () -> Date = { Date() }) -> CardRedemptions? {
        settings.cardSecrets.map { secrets in
            CardRedemptions(database: database, secrets: secrets,
                            guesses: CardGuessGuard(database: database, limit: guessLimit, window: guessWindow, now: now), now: now)
        }
    }

    /// The one named exception to "nobody outside Shop sees the database": the payment sandbox
    /// plays an outside provider, and in the demo keeps its payments in the shop's own database so
    /// that `swift run boutique` needs nothing else. Only `PaymentSetup` passes it on.
    public var sandboxStorage: BoutiqueDatabase { database }
}

extension ShopServices {
    /// The operator's dashboard: sales, savings, cards issued and spent over the last 30 days.
    public func salesReport(now: Date = Date()) async throws -> SalesReport {
        try await SalesReport.load(database: database, replica: replica, now: now)
    }
}
