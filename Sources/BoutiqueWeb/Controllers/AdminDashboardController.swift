import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin`: the operator's sales dashboard (charts of the last thirty days, the CSEs that sell
/// most) and the accounting export.
struct AdminDashboardController {
    let shop: ShopServices
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin", use: dashboard)
        router.get("/admin/exports/comptabilite.csv", use: accounting)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        return try await page(context, from: nil, to: nil, error: nil)
    }

    /// `?du=2026-11-01&au=2026-11-30`, both days included; without them, the current month.
    @Sendable func accounting(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try AuthGuard.user(context)
        let query = request.formQuery
        let today = FrenchCalendar.today(Date())
        let fromText = query.get("du"), toText = query.get("au")
        let from = fromText.map { AccountingExport.day($0) } ?? (try? CalendarDate(year: today.year, month: today.month, day: 1))
        let to = toText.map { AccountingExport.day($0) } ?? today
        guard let from, let to, from <= to else {
            let message = "Indiquez deux dates au format AAAA-MM-JJ, la première avant la seconde."
            return try await page(context, from: fromText, to: toText, error: message, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        guard let csv = try await shop.accountingExport.csv(actor: try AuthGuard.actor(context), from: from, through: to) else {
            throw HTTPError(.forbidden)
        }
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: ContentDisposition.attachment(filename: "comptabilite-\(from.iso)-\(to.iso).csv"),
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    private func page(_ context: AppRequestContext, from: String?, to: String?, error: String?,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let report = try await shop.salesReport()
        let today = FrenchCalendar.today(Date())
        let view = DashboardPage(report: report, from: from ?? (try? CalendarDate(year: today.year, month: today.month, day: 1))?.iso ?? "",
                                 to: to ?? today.iso, error: error)
        return HTML(body: renderer.render("admin-dashboard", title: "Tableau de bord", context: context, content: view), status: status)
    }
}

/// What `admin-dashboard.mustache` prints.
struct DashboardPage {
    struct DayRow { let date, sales, dotations, savings, issued, redeemed: String }
    struct TopRow { let rank, name, sales, orders, dotations: String }

    let salesChart, savingsChart, issuedChart, redeemedChart: String
    let days: [DayRow]
    let top: [TopRow]
    let hasTop: Bool
    let from, to: String
    let error: String?

    init(report: SalesReport, from: String, to: String, error: String?) {
        func chart(_ id: String, _ title: String, _ unit: BarChart.Unit, _ value: (SalesReport.Day) -> Int) -> String {
            BarChart(id: id, title: title, unit: unit,
                     bars: report.days.map { BarChart.Bar(label: Self.shortDate($0.date), value: value($0)) }).svg
        }
        salesChart = chart("ventes", "Ventes par jour (montant payé, commandes et dotations), 30 derniers jours", .cents) { $0.salesCents }
        savingsChart = chart("economies", "Économies des salariés par jour, 30 derniers jours", .cents) { $0.savingsCents }
        issuedChart = chart("emises", "e-Cartes émises par jour, 30 derniers jours", .count) { $0.cardsIssued }
        redeemedChart = chart("encaissees", "Paiements en caisse par jour, 30 derniers jours", .count) { $0.cardsRedeemed }
        days = report.days.reversed().map {
            DayRow(date: $0.date.french, sales: Money(cents: $0.salesCents).french, dotations: Money(cents: $0.dotationCents).french,
                   savings: Money(cents: $0.savingsCents).french,
                   issued: String($0.cardsIssued), redeemed: String($0.cardsRedeemed))
        }
        top = report.topTenants.enumerated().map { index, tenant in
            TopRow(rank: String(index + 1), name: tenant.name, sales: Money(cents: tenant.salesCents).french, orders: String(tenant.orders),
                   dotations: String(tenant.dotations))
        }
        hasTop = !top.isEmpty
        self.from = from
        self.to = to
        self.error = error
    }

    /// `25/11`: the year is the same on a thirty-day axis, or obvious from the table.
    static func shortDate(_ date: CalendarDate) -> String { String(date.french.prefix(5)) }
}
