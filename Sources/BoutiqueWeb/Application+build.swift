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
        SessionMiddleware(sessions: shop.sessions)
        // The API and the providers' notifications authenticate otherwise; the mounted sandbox
        // plays another site, with its own form protection.
        CSRFMiddleware(cookies: cookies, exemptPrefixes: ["/api/", "/paiement/notification/", "/_sandbox/"])
    }
    HealthController(shop: shop, registry: registry).addRoutes(to: router)
    ShopController(catalogue: shop.catalogue, renderer: renderer).addRoutes(to: router)
    TenantLogoController(logos: shop.tenantLogos).addRoutes(to: router)
    CartController(cart: shop.cart, orders: shop.orders, catalogue: shop.catalogue, renderer: renderer).addRoutes(to: router)
    OrderController(orders: shop.orders, renderer: renderer).addRoutes(to: router)
    StoresController(directory: shop.stores, contact: shop.contact, renderer: renderer).addRoutes(to: router)
    try addPOSRoutes(to: router, shop: shop, options: configuration.posOptions)
    if let cards = shop.myCards, let gifts = shop.cardGifts {
        MyCardsController(cards: cards, gifts: gifts, renderer: renderer).addRoutes(to: router)
    }
    AdminJobsController(jobs: shop.backgroundJobs, renderer: renderer).addRoutes(to: router)
    ManagerEmployeesController(employees: shop.employees, orders: shop.orderSearch, renderer: renderer).addRoutes(to: router)
    AdminOrdersController(search: shop.orderSearch, tenants: shop.tenants, mailbox: shop.mailbox, refunds: shop.refunds,
                          renderer: renderer).addRoutes(to: router)
    OrderHistoryController(history: shop.orderHistory, renderer: renderer).addRoutes(to: router)
    if let payments = shop.payments {
        let verifier = NotificationVerifier(sandboxSecret: configuration.sandboxNotificationSecret,
                                            stripeSecret: configuration.stripeWebhookSecret)
        PaymentController(payments: payments, notifications: verifier, renderer: renderer).addRoutes(to: router)
    }
    AccountController(accounts: shop.accounts, secondFactor: shop.secondFactor, sessions: shop.sessions, cookies: cookies,
                      renderer: renderer).addRoutes(to: router)
    SecurityController(secondFactor: shop.secondFactor, renderer: renderer).addRoutes(to: router)
    AuditController(log: shop.audit, renderer: renderer).addRoutes(to: router)
    ProfileController(accounts: shop.accounts, renderer: renderer).addRoutes(to: router)
    ManagerAccountsController(accounts: shop.accounts, renderer: renderer).addRoutes(to: router)
    ManagerKeysController(keys: shop.identificationKeys, renderer: renderer).addRoutes(to: router)
    ManagerDotationsController(dotations: shop.dotations, invoices: shop.dotationInvoices, employees: shop.employees,
                               renderer: renderer).addRoutes(to: router)
    ManagerImportController(importer: shop.employeeImport, renderer: renderer).addRoutes(to: router)
    ManagerDashboardController(dashboard: shop.managerDashboard, renderer: renderer).addRoutes(to: router)
    ManagerExportsController(exports: shop.managerExports, renderer: renderer).addRoutes(to: router)
    AdminDotationsController(dotations: shop.dotations, invoices: shop.dotationInvoices, renderer: renderer).addRoutes(to: router)
    MailboxController(mailbox: shop.mailbox, renderer: renderer, openToAll: configuration.isDemo && !configuration.sendsMailBySMTP,
                      keptCopies: configuration.sendsMailBySMTP).addRoutes(to: router)
    addOperatorRoutes(to: router, shop: shop, renderer: renderer)
    registry.makeGauge(descriptor: MetricNameDescriptor(
        namespace: "boutique", metricName: "start_time", unitName: "seconds",
        helpText: "Start time of the process, in seconds since the epoch."
    )).set(Date().timeIntervalSince1970)
    return router
}

/// The operator's console (`/admin`): dashboard, CSEs, products, stores, POS clients, resending.
/// Orders, jobs and the audit log are registered with the pages they share code with.
func addOperatorRoutes(to router: Router<AppRequestContext>, shop: ShopServices, renderer: PageRenderer) {
    AdminDashboardController(shop: shop, renderer: renderer).addRoutes(to: router)
    AdminTenantsController(tenants: shop.tenants, staff: shop.staff, renderer: renderer)
        .addRoutes(to: router)
    AdminProductsController(products: shop.products, renderer: renderer).addRoutes(to: router)
    AdminStoresController(stores: shop.stores, importer: shop.storeImport, renderer: renderer).addRoutes(to: router)
    AdminPOSController(clients: shop.posClients, renderer: renderer).addRoutes(to: router)
    AdminMailController(mailbox: shop.mailbox).addRoutes(to: router)
}
