import BoutiqueMail
import BoutiquePOS
import BoutiqueShop
import BoutiqueStore
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Builds the shop's web application: middleware, controllers and templates, over a database.
///
/// Tests call this with an in-memory database; the `serve` command with the configured one.
public func buildApplication(
    configuration: WebConfiguration,
    database: BoutiqueDatabase,
    registry: PrometheusCollectorRegistry,
    address: BindAddress = .hostname("127.0.0.1", port: 8080),
    services: [any Service] = [],
    extraRoutes: (Router<AppRequestContext>) -> Void = { _ in },
    logger: Logger
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration: configuration, database: database, registry: registry)
    extraRoutes(router)
    return Application(
        router: router,
        configuration: .init(address: address, serverName: nil),
        services: services,
        logger: logger
    )
}

/// The router alone, for tests that only need request → response.
public func buildRouter(
    configuration: WebConfiguration,
    database: BoutiqueDatabase,
    registry: PrometheusCollectorRegistry
) async throws -> Router<AppRequestContext> {
    let renderer = try await PageRenderer(configuration: configuration)
    let composer = try await MailComposer(settings: MailSettings(
        from: MailAddress(configuration.mailFrom, name: configuration.shopName),
        publicURL: configuration.publicURL, shopName: configuration.shopName))
    let accounts = Accounts(database: database, hasher: PasswordHasher(cost: configuration.bcryptCost), composer: composer,
                            publicURL: configuration.publicURL)
    let sessions = SessionStore(database: database)
    let cookies = SessionCookies(secure: configuration.isHTTPS)
    let audit = Audit(database: database)
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        ClientAddressMiddleware(proxies: configuration.trustedProxies)
        LogRequestsMiddleware(.info)
        MetricsMiddleware()
        ErrorPageMiddleware(renderer: renderer, strictTransportSecurity: configuration.isHTTPS)
        SecurityHeadersMiddleware(strictTransportSecurity: configuration.isHTTPS)
        FileMiddleware(
            URL(fileURLWithPath: configuration.resourcesFolder).appendingPathComponent("Public").path,
            urlBasePath: "/static",
            cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3_600)])]),
            logger: Logger(label: "boutique.static")
        )
        SessionMiddleware(sessions: sessions, accounts: accounts)
        // The API and the providers' notifications authenticate otherwise; the mounted sandbox
        // plays another site, with its own form protection.
        CSRFMiddleware(cookies: cookies, exemptPrefixes: ["/api/", "/paiement/notification/", "/_sandbox/"])
    }
    HealthController(database: database, registry: registry).addRoutes(to: router)
    let catalogue = Catalogue(database: database)
    let orders = Orders(database: database)
    ShopController(catalogue: catalogue, renderer: renderer).addRoutes(to: router)
    TenantLogoController(logos: TenantLogos(database: database)).addRoutes(to: router)
    CartController(cart: Cart(database: database), orders: orders, catalogue: catalogue, renderer: renderer).addRoutes(to: router)
    OrderController(orders: orders, renderer: renderer).addRoutes(to: router)
    StoresController(directory: StoreDirectory(database: database),
                     contact: Contact(database: database, composer: composer, operatorEmail: configuration.operatorEmail),
                     renderer: renderer).addRoutes(to: router)
    if let secrets = configuration.cardSecrets {
        try addPOSRoutes(to: router, database: database, secrets: secrets, options: configuration.posOptions)
        let cards = MyCards(database: database, secrets: secrets)
        MyCardsController(cards: cards, gifts: CardGifts(cards: cards, composer: composer), renderer: renderer).addRoutes(to: router)
    }
    AdminJobsController(queue: JobQueue(database: database), audit: audit, renderer: renderer).addRoutes(to: router)
    ManagerEmployeesController(database: database, sessions: sessions, audit: audit, renderer: renderer).addRoutes(to: router)
    AdminOrdersController(database: database, mailbox: Mailbox(database: database),
                          refunds: configuration.payments.map { Refunds(database: database, provider: $0.provider, composer: composer) },
                          audit: audit, renderer: renderer).addRoutes(to: router)
    OrderHistoryController(history: OrderHistory(database: database, seller: configuration.seller), renderer: renderer).addRoutes(to: router)
    if let settings = configuration.payments {
        let payments = Payments(database: database, settings: settings, composer: composer)
        let verifier = NotificationVerifier(sandboxSecret: configuration.sandboxNotificationSecret,
                                            stripeSecret: configuration.stripeWebhookSecret)
        PaymentController(payments: payments, notifications: verifier, renderer: renderer).addRoutes(to: router)
    }
    let secondFactor = SecondFactor(database: database)
    AccountController(accounts: accounts, secondFactor: secondFactor, sessions: sessions, cookies: cookies, renderer: renderer)
        .addRoutes(to: router)
    SecurityController(secondFactor: secondFactor, audit: audit, renderer: renderer).addRoutes(to: router)
    AuditController(database: database, renderer: renderer).addRoutes(to: router)
    ProfileController(accounts: accounts, renderer: renderer).addRoutes(to: router)
    ManagerAccountsController(accounts: accounts, audit: audit, renderer: renderer).addRoutes(to: router)
    ManagerKeysController(keys: IdentificationKeys(database: database), audit: audit, renderer: renderer).addRoutes(to: router)
    let dotations = Dotations(database: database, ceiling: configuration.urssafCeiling)
    let dotationInvoices = DotationInvoices(dotations: dotations, seller: configuration.seller, composer: composer)
    ManagerDotationsController(dotations: dotations, invoices: dotationInvoices, employees: EmployeeDirectory(database: database),
                               audit: audit, renderer: renderer).addRoutes(to: router)
    ManagerImportController(importer: EmployeeImport(database: database, accounts: accounts), audit: audit, renderer: renderer)
        .addRoutes(to: router)
    ManagerDashboardController(dashboard: ManagerDashboard(database: database), renderer: renderer).addRoutes(to: router)
    ManagerExportsController(exports: ManagerExports(database: database), audit: audit, renderer: renderer).addRoutes(to: router)
    AdminDotationsController(dotations: dotations, invoices: dotationInvoices, audit: audit, renderer: renderer).addRoutes(to: router)
    MailboxController(mailbox: Mailbox(database: database), renderer: renderer, openToAll: configuration.isDemo && !configuration.sendsMailBySMTP,
                      keptCopies: configuration.sendsMailBySMTP).addRoutes(to: router)
    addOperatorRoutes(to: router, database: database, staff: StaffAccounts(accounts: accounts), audit: audit, renderer: renderer)
    registry.makeGauge(descriptor: MetricNameDescriptor(
        namespace: "boutique", metricName: "start_time", unitName: "seconds",
        helpText: "Start time of the process, in seconds since the epoch."
    )).set(Date().timeIntervalSince1970)
    return router
}

/// The operator's console (`/admin`): dashboard, CSEs, products, stores, POS clients, resending.
/// Orders, jobs and the audit log are registered with the pages they share code with.
func addOperatorRoutes(to router: Router<AppRequestContext>, database: BoutiqueDatabase, staff: StaffAccounts, audit: Audit,
                       renderer: PageRenderer) {
    AdminDashboardController(database: database, audit: audit, renderer: renderer).addRoutes(to: router)
    AdminTenantsController(tenants: TenantAdmin(database: database), staff: staff, audit: audit, renderer: renderer).addRoutes(to: router)
    AdminProductsController(products: ProductAdmin(database: database), audit: audit, renderer: renderer).addRoutes(to: router)
    AdminStoresController(database: database, audit: audit, renderer: renderer).addRoutes(to: router)
    AdminPOSController(clients: POSClients(database: database), audit: audit, renderer: renderer).addRoutes(to: router)
    AdminMailController(mailbox: Mailbox(database: database), audit: audit).addRoutes(to: router)
}
