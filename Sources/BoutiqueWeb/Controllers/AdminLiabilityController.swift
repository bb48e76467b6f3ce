import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// The operator's accounting beyond the invoices: « Encours des e-Cartes » at a date (page and
/// CSV) and the journal in the FEC layout for a period.
struct AdminLiabilityController {
    let liability: CardLiability
    let journal: JournalExport
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/encours", use: page)
        router.get("/admin/exports/encours.csv", use: csv)
        router.get("/admin/exports/fec.txt", use: fec)
    }

    /// `?date=2026-11-30`; today without it.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let text = request.formQuery.get("date")
        guard let day = Self.day(text) else {
            return try await render(context, report: nil, date: text ?? "", error: Self.badDate, status: .unprocessableContent)
        }
        return try await render(context, report: try await liability.report(at: day), date: day.iso, error: nil)
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try AuthGuard.user(context)
        let text = request.formQuery.get("date")
        guard let day = Self.day(text) else {
            return try await render(context, report: nil, date: text ?? "", error: Self.badDate, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        guard let csv = try await liability.csv(actor: try AuthGuard.actor(context), at: day) else { throw HTTPError(.forbidden) }
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: ContentDisposition.attachment(filename: "encours-e-cartes-\(day.iso).csv"),
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// `?du=2026-01-01&au=2026-12-31`, both included; without them, the current year to date.
    @Sendable func fec(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try AuthGuard.user(context)
        let query = request.formQuery, today = FrenchCalendar.today(Date())
        let from = query.get("du").map { AccountingExport.day($0) } ?? (try? CalendarDate(year: today.year, month: 1, day: 1))
        let to = query.get("au").map { AccountingExport.day($0) } ?? today
        guard let from, let to, from <= to else {
            let message = "Indiquez deux dates au format AAAA-MM-JJ, la première avant la seconde."
            return try await render(context, report: nil, date: "", error: message, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        guard let file = try await journal.file(actor: try AuthGuard.actor(context), from: from, through: to) else {
            throw HTTPError(.forbidden)
        }
        return Response(status: .ok, headers: [
            .contentType: "text/plain; charset=iso-8859-15",
            .contentDisposition: ContentDisposition.attachment(filename: file.name),
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    static let badDate = "Indiquez une date au format AAAA-MM-JJ."

    /// Today without a date; nil for a date that is not one.
    static func day(_ text: String?) -> CalendarDate? {
        guard let text, !text.isEmpty else { return FrenchCalendar.today(Date()) }
        return AccountingExport.day(text)
    }

    private func render(_ context: AppRequestContext, report: CardLiability.Report?, date: String, error: String?,
                        status: HTTPResponse.Status = .ok) async throws -> HTML {
        let today = FrenchCalendar.today(Date())
        let view = LiabilityPage(report: report, date: date.isEmpty ? today.iso : date, error: error,
                                 fecFrom: (try? CalendarDate(year: today.year, month: 1, day: 1))?.iso ?? "", fecTo: today.iso)
        return HTML(body: renderer.render("admin-liability", title: "Encours des e-Cartes", context: context, content: view), status: status)
    }
}

/// What `admin-liability.mustache` prints.
struct LiabilityPage {
    struct Row { let cse, product, cards, withBalance, issued, redeemed, refunded, expired, outstanding: String }

    let date, dayLabel: String
    let rows: [Row]
    let total: Row?
    let hasRows: Bool
    let error: String?
    let fecFrom, fecTo: String

    init(report: CardLiability.Report?, date: String, error: String?, fecFrom: String, fecTo: String) {
        self.date = date
        dayLabel = report?.day.french ?? ""
        rows = report?.rows.map(Self.row) ?? []
        total = report.map { Self.row($0.total) }
        hasRows = !rows.isEmpty
        self.error = error
        self.fecFrom = fecFrom
        self.fecTo = fecTo
    }

    static func row(_ row: CardLiability.Row) -> Row {
        Row(cse: row.cse, product: row.product, cards: String(row.cards), withBalance: String(row.cardsWithBalance), issued: row.issued.french,
            redeemed: row.redeemed.french, refunded: row.refunded.french, expired: row.expired.french, outstanding: row.outstanding.french)
    }
}
