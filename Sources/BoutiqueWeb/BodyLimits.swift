import Hummingbird

/// How many bytes a request body may carry, per route family, decided in one place from the path
/// before anything is read (`BodyLimitMiddleware`): the upload forms get 8 MB, every other form
/// 1 MB. The limit used to be chosen by the reader: the CSRF check read any multipart body up to
/// 8 MB, on any route and before the token was checked, so a multipart POST sidestepped the forms'
/// limit, even anonymously.
enum BodyLimits {
    /// Forms and JSON bodies stay small. The largest form is a dotation's confirmation: one hidden
    /// line per employee, about 56 bytes each (10,000 → 560 KB).
    static let form = 1024 * 1024
    /// Forms with a file (the consoles' CSV imports: 10,000 employees are about 600 KB; a logo).
    static let upload = 8 * 1024 * 1024

    /// The forms with a file field (`enctype="multipart/form-data"` in their templates), `:` for
    /// a path parameter.
    static let uploadRoutes: [[Substring]] = [
        "/admin/cse/:id/logo",        // a CSE's logo
        "/gestion/salaries/import",   // the manager's employee CSV
        "/admin/magasins/import",     // the operator's store CSV
        "/gestion/dotations/apercu",  // a dotation's `e-mail;montant` CSV
    ].map { $0.split(separator: "/") }

    /// The limit of a request's body: 8 MB on an upload route's POST, 1 MB everywhere else.
    static func limit(method: HTTPRequest.Method, path: String) -> Int {
        guard method == .post else { return form }
        let segments = path.split(separator: "/")
        let isUpload = uploadRoutes.contains { route in
            route.count == segments.count && zip(route, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
        return isUpload ? upload : form
    }
}
