import BoutiqueCore
import BoutiquePOS
import BoutiqueShop
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Builds the shop's web application: middleware, controllers and templates, over the shop's
/// use cases.
///
/// Tests call this with services over an in-memory database; the `serve` command with the
/// configured one.
public func buildApplication(
    configuration: WebConfiguration,
    shop: ShopServices,
    registry: PrometheusCollectorRegistry,
    address: BindAddress = .hostname("127.0.0.1", port: 8080),
    services: [any Service] = [],
    extraRoutes: (Router<AppRequestContext>) -> Void = { _ in },
    logger: Logger
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(configuration: configuration, shop: shop, registry: registry)
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
    shop: ShopServices,
    registry: PrometheusCollectorRegistry
) async throws -> Router<AppRequestContext> {
    let renderer = try await PageRenderer(configuration: configuration)
    let cookies = SessionCookies(secure: configuration.isHTTPS)
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        ClientAddressMiddleware(proxies: configuration.trustedProxies)
        RequestLogMiddleware(.info)
        MetricsMiddleware()
        ErrorPageMiddleware(renderer: renderer, strictTransportSecurity: configuration.isHTTPS)
        SecurityHeadersMiddleware(strictTransportSecurity: configuration.isHTTPS)
        BodyLimitMiddleware()
        FileMiddleware(
            URL(fileURLWithPath: configuration.resourcesFolder).appendingPathComponent("Public").path,
            urlBasePath: "/static",
            cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3_600)])]),
            logger: Logger(label: "boutique.static")
        )
        SessionMiddleware(sessions: shop.sessions, cookies: cookies)
        SecondFactorRequirement(policy: shop.secondFactor.policy)
        // The API and the providers' notifications authenticate otherwise; the mounted sandbox
        // plays another site, with its own form protection.
        CSRFMiddleware(cookies: cookies, tokens: shop.formTokens, exemptPrefixes: ["/api/", "/paiement/notification/", "/_sandbox/"])
    }
    let payments = shop.payments.map { payments in
        PaymentController(payments: payments, notifications: NotificationVerifier(sandboxSecret: configuration.sandboxNotificationSecret,
                                                                                   stripeSecret: configuration.stripeWebhookSecret),
                          renderer: renderer)
    }
    // One table per console; the console's group checks who may enter (RequireRole).
    addPublicRoutes(to: router, shop: shop, configuration: configuration, registry: registry, cookies: cookies, payments: payments,
                    renderer: renderer)
    try addPOSRoutes(to: router, shop: shop, options: configuration.posOptions)
    addAccountRoutes(to: router.group().add(middleware: RequireRole(Set(UserRole.allCases))), shop: shop, renderer: renderer)
    addEmployeeRoutes(to: router.group().add(middleware: RequireRole([.employee])), shop: shop, payments: payments, renderer: renderer)
    addManagerRoutes(to: router.group().add(middleware: RequireRole([.manager])), shop: shop, renderer: renderer)
    addStaffRoutes(to: router.group().add(middleware: RequireRole([.manager, .operator])), shop: shop, renderer: renderer)
    addOperatorRoutes(to: router.group().add(middleware: RequireRole([.operator])), shop: shop, renderer: renderer)
    addPrivacyRoutes(to: router, shop: shop, cookies: cookies, renderer: renderer)
    registry.makeGauge(descriptor: MetricNameDescriptor(
        namespace: "boutique", metricName: "start_time", unitName: "seconds",
        helpText: "Start time of the process, in seconds since the epoch."
    )).set(Date().timeIntervalSince1970)
    return router
}

/// Everyone's pages: the shop front, the stores, the account forms and links, health, the
/// providers' notifications, the developers' mailbox (which checks its own rule).
func addPublicRoutes(to router: Router<AppRequestContext>, shop: ShopServices, configuration: WebConfiguration,
                     registry: PrometheusCollectorRegistry, cookies: SessionCookies, payments: PaymentController?, renderer: PageRenderer) {
    HealthController(shop: shop, registry: registry, metricsToken: configuration.metricsToken).addRoutes(to: router)
    ShopController(catalogue: shop.catalogue, renderer: renderer).addRoutes(to: router)
    TenantLogoController(logos: shop.tenantLogos).addRoutes(to: router)
    OfflineWorkerController().addRoutes(to: router)
    StoresController(directory: shop.stores, contact: shop.contact, renderer: renderer).addRoutes(to: router)
    AccountController(accounts: shop.accounts, secondFactor: shop.secondFactor, sessions: shop.sessions, cookies: cookies,
                      renderer: renderer).addRoutes(to: router)
    ProfileController(accounts: shop.accounts, renderer: renderer).addLinkRoutes(to: router)
    payments?.addNotificationRoutes(to: router)
    MailboxController(mailbox: shop.mailbox, renderer: renderer, openToAll: configuration.isDemo && !configuration.sendsMailBySMTP,
                      keptCopies: configuration.sendsMailBySMTP).addRoutes(to: router)
}

/// Any logged-in user's space: profile, their cards and orders.
func addAccountRoutes(to group: RouterGroup<AppRequestContext>, shop: ShopServices, renderer: PageRenderer) {
    ProfileController(accounts: shop.accounts, renderer: renderer, history: shop.orderHistory, cards: shop.myCards).addRoutes(to: group)
    OrderHistoryController(history: shop.orderHistory, renderer: renderer).addRoutes(to: group)
    if let cards = shop.myCards, let gifts = shop.cardGifts {
        MyCardsController(cards: cards, gifts: gifts, renderer: renderer).addRoutes(to: group)
    }
}

/// The employee's purchase: product pages, cart, order, payment.
func addEmployeeRoutes(to group: RouterGroup<AppRequestContext>, shop: ShopServices, payments: PaymentController?,
                       renderer: PageRenderer) {
    CartController(cart: shop.cart, orders: shop.orders, catalogue: shop.catalogue, renderer: renderer).addRoutes(to: group)
    OrderController(orders: shop.orders, renderer: renderer).addRoutes(to: group)
    payments?.addRoutes(to: group)
}

/// The CSE manager's console (`/gestion`), scoped to their CSE.
func addManagerRoutes(to group: RouterGroup<AppRequestContext>, shop: ShopServices, renderer: PageRenderer) {
    ManagerDashboardController(dashboard: shop.managerDashboard, renderer: renderer).addRoutes(to: group)
    ManagerEmployeesController(employees: shop.employees, orders: shop.orderSearch, renderer: renderer).addRoutes(to: group)
    ManagerImportController(importer: shop.employeeImport, renderer: renderer).addRoutes(to: group)
    ManagerKeysController(keys: shop.identificationKeys, renderer: renderer).addRoutes(to: group)
    ManagerDotationsController(dotations: shop.dotations, invoices: shop.dotationInvoices, employees: shop.employees,
                               renderer: renderer).addRoutes(to: group)
    ManagerExportsController(exports: shop.managerExports, renderer: renderer).addRoutes(to: group)
    AuditController(log: shop.audit, renderer: renderer).addManagerRoutes(to: group)
}

/// What managers and operators share: the accounts waiting for a decision, the second factor.
func addStaffRoutes(to group: RouterGroup<AppRequestContext>, shop: ShopServices, renderer: PageRenderer) {
    ManagerAccountsController(accounts: shop.accounts, renderer: renderer).addRoutes(to: group)
    SecurityController(secondFactor: shop.secondFactor, renderer: renderer).addRoutes(to: group)
}

/// The operator's console (`/admin`): dashboard, CSEs, products, stores, POS clients, orders,
/// dotations, jobs, resending, the audit log.
func addOperatorRoutes(to router: RouterGroup<AppRequestContext>, shop: ShopServices, renderer: PageRenderer) {
    AdminDashboardController(shop: shop, renderer: renderer).addRoutes(to: router)
    AdminLiabilityController(liability: shop.cardLiability, journal: shop.journalExport, renderer: renderer).addRoutes(to: router)
    AdminTenantsController(tenants: shop.tenants, staff: shop.staff, renderer: renderer)
        .addRoutes(to: router)
    AdminStaffController(staff: shop.staff, secondFactor: shop.secondFactor, tenants: shop.tenants, renderer: renderer).addRoutes(to: router)
    AdminProductsController(products: shop.products, renderer: renderer).addRoutes(to: router)
    AdminStoresController(stores: shop.stores, importer: shop.storeImport, renderer: renderer).addRoutes(to: router)
    AdminPOSController(clients: shop.posClients, renderer: renderer).addRoutes(to: router)
    AdminMailController(mailbox: shop.mailbox).addRoutes(to: router)
    AdminOrdersController(search: shop.orderSearch, tenants: shop.tenants, mailbox: shop.mailbox, refunds: shop.refunds,
                          history: shop.orderHistory, renderer: renderer).addRoutes(to: router)
    AdminDotationsController(dotations: shop.dotations, invoices: shop.dotationInvoices, renderer: renderer).addRoutes(to: router)
    AdminJobsController(jobs: shop.backgroundJobs, renderer: renderer).addRoutes(to: router)
    AuditController(log: shop.audit, renderer: renderer).addOperatorRoutes(to: router)
}
