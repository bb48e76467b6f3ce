import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/magasins`: the stores that accept the e-cards, with a search and the CSV import.
///
/// The import takes the file's text pasted into the page (the CSRF check reads URL-encoded forms
/// only, up to 256 kB); bigger files go through `boutique stores import`.
struct AdminStoresController {
    let stores: StoreDirectory
    let importer: StoreImport
    let renderer: PageRenderer

    static let shown = 200

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/magasins", use: list)
        router.post("/admin/magasins/import", use: importCSV)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        return try await page(context, query: request.formQuery.get("q") ?? "", report: nil)
    }

    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        // A CSV file (multipart) or the pasted text, as on the manager's staff import.
        let text = try await ManagerImportController.csvText(request, context: context) ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await page(context, query: "", report: nil, error: BackofficeMessages.csvMissing, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let report = try await importer.run(actor: actor, csv: text, allOrNothing: true)
        guard report.rejected.isEmpty else {
            return try await page(context, query: "", report: report, csv: text, status: .unprocessableContent).response(from: request, context: context)
        }
        return try await page(context, query: "", report: report).response(from: request, context: context)
    }

    private func page(_ context: AppRequestContext, query: String, report: StoreImport.Report?, csv: String = "", error: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> HTML {
        let stores = try await self.stores.current()
        let needle = StoreSearchText.fold(query)
        let matches = needle.isEmpty ? stores : stores.filter { StoreSearchText.fold("\($0.code) \($0.brand) \($0.name) \($0.postcode) \($0.city)").contains(needle) }
        let view = StoresAdminPage(query: query, total: stores.count, matches: matches, shown: Self.shown, report: report, csv: csv, error: error,
                                   csrf: context.csrfToken, columns: StoreImport.columns.joined(separator: ";"))
        return HTML(body: renderer.render("admin-stores", title: "Magasins", context: context, content: view), status: status)
    }
}

/// Search text compared as the store finder compares place names (`PlaceName`): « gare » finds
/// « Gare », « evry » finds « Évry », « st etienne » finds « Saint-Étienne ».
enum StoreSearchText {
    static func fold(_ text: String) -> String {
        PlaceName.normalize(text)
    }
}

struct StoresAdminPage {
    struct Row { let code, brand, name, address, city, selfCheckout: String }
    struct Rejection { let line, reason: String }

    let query, summary, csv, csrf, columns: String
    let rows: [Row]
    let error: String?
    let imported: String?
    let rejections: [Rejection]
    let hasRejections: Bool

    init(query: String, total: Int, matches: [StoreDirectory.Store], shown: Int, report: StoreImport.Report?, csv: String, error: String?,
         csrf: String, columns: String) {
        self.query = query
        summary = matches.count > shown ? "\(matches.count) magasins sur \(total) ; les \(shown) premiers sont affichés."
            : "\(matches.count) magasin\(matches.count > 1 ? "s" : "") sur \(total)."
        rows = matches.prefix(shown).map {
            Row(code: $0.code, brand: $0.brand, name: $0.name, address: $0.address, city: "\($0.postcode) \($0.city)",
                selfCheckout: $0.selfCheckout ? "Oui" : "Non")
        }
        rejections = report?.rejected.map { Rejection(line: String($0.line), reason: $0.reason) } ?? []
        hasRejections = !rejections.isEmpty
        imported = report.flatMap { $0.rejected.isEmpty ? "Import terminé : \($0.created) magasins créés, \($0.updated) mis à jour." : nil }
        self.csv = csv
        self.error = error ?? (rejections.isEmpty ? nil : "Aucun magasin n'a été importé : corrigez les lignes signalées puis recommencez.")
        self.csrf = csrf
        self.columns = columns
    }
}
