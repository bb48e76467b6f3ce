import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion`: the manager's dashboard — what waits for them and this month's activity.
struct ManagerDashboardController {
    let dashboard: ManagerDashboard
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard let figures = try await dashboard.figures(actor: try AuthGuard.actor(context)) else { throw HTTPError(.forbidden) }
        return HTML(body: renderer.render("manager-dashboard", title: "Tableau de bord", context: context,
                                          content: ManagerDashboardView(figures)))
    }
}

struct ManagerDashboardView {
    struct Day { let label, amount: String }

    let pendingAccounts, activeEmployees, ordersThisMonth, cardsIssuedThisMonth, dotationsAwaitingPayment: Int
    let paidThisMonth, savingsThisMonth, salesChart: String
    let days: [Day]
    let hasPending, hasSales: Bool

    init(_ figures: ManagerDashboard.Figures) {
        pendingAccounts = figures.pendingAccounts
        activeEmployees = figures.activeEmployees
        ordersThisMonth = figures.ordersThisMonth
        cardsIssuedThisMonth = figures.cardsIssuedThisMonth
        dotationsAwaitingPayment = figures.dotationsAwaitingPayment
        paidThisMonth = figures.paidThisMonth.french
        savingsThisMonth = figures.savingsThisMonth.french
        hasPending = figures.pendingAccounts > 0
        hasSales = figures.dailySales.contains { $0.amount.cents > 0 }
        days = figures.dailySales.filter { $0.amount.cents > 0 }.map { Day(label: $0.day.french, amount: $0.amount.french) }
        salesChart = BarChart(id: "ventes-cse", title: "Commandes payées par jour, 30 derniers jours", unit: .cents,
                              bars: figures.dailySales.map { BarChart.Bar(label: String($0.day.french.prefix(5)), value: $0.amount.cents) }).svg
    }
}
