import BoutiqueShop
import Foundation
import Hummingbird

/// `/gestion/salaries/import`: the manager uploads the CSE's staff list (CSV file or pasted text);
/// the page reports every row refused, and nothing is written unless every row is right.
struct ManagerImportController {
    let importer: EmployeeImport
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/gestion/salaries/import", use: form)
        router.post("/gestion/salaries/import", use: run)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        return page(context, report: nil, error: nil)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let manager = try AuthGuard.user(context)
        guard let tenantID = manager.tenantID else { throw HTTPError(.forbidden) }
        guard let text = try await Self.csvText(request, context: context), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return page(context, report: nil, error: "Choisissez un fichier CSV ou collez la liste.", status: .unprocessableContent)
        }
        let report = try await importer.run(tenantID: tenantID, actor: manager.actor(from: context.remoteAddress), csv: text)
        return page(context, report: report, error: nil, status: report.isAccepted ? .ok : .unprocessableContent)
    }

    /// The file field `file` of a multipart form, else the pasted `csv` field.
    static func csvText(_ request: Request, context: AppRequestContext) async throws -> String? {
        var request = request
        if let boundary = MultipartForm.boundary(of: request.headers[.contentType]) {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            guard let form = MultipartForm(body: body, boundary: boundary) else { throw HTTPError(.badRequest) }
            if let file = form.field("file"), !file.bytes.isEmpty { return Self.decode(file.bytes) }
            return form.field("csv")?.text
        }
        struct Pasted: Decodable { var csv: String? }
        return try await FormBody.decode(Pasted.self, from: request, context: context).csv
    }

    /// UTF-8 (with or without a BOM), else Windows-1252 as older spreadsheets export it.
    static func decode(_ bytes: [UInt8]) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(validating: body, as: UTF8.self) ?? String(data: Data(body), encoding: .windowsCP1252) ?? ""
    }

    private func page(_ context: AppRequestContext, report: EmployeeImport.Report?, error: String?, status: HTTPResponse.Status = .ok) -> HTML {
        HTML(body: renderer.render("manager-import", title: "Importer les salariés", context: context,
                                   content: ImportPageView(report: report, error: error, csrf: context.csrfToken)), status: status)
    }
}

struct ImportPageView {
    struct Rejection { let line: Int; let reason: String }

    let csrf: String
    let error: String?
    let hasReport, accepted: Bool
    let rows, added, updated, approved, rejectedCount: Int
    let rejections: [Rejection]

    init(report: EmployeeImport.Report?, error: String?, csrf: String) {
        self.csrf = csrf
        self.error = error
        hasReport = report != nil
        accepted = report?.isAccepted ?? false
        rows = report?.rows ?? 0
        added = report?.added ?? 0
        updated = report?.updated ?? 0
        approved = report?.approved ?? 0
        rejectedCount = report?.rejected.count ?? 0
        rejections = (report?.rejected ?? []).prefix(200).map { Rejection(line: $0.line, reason: $0.reason) }
    }
}
