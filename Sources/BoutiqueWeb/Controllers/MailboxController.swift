import BoutiqueMail
import BoutiqueShop
import Foundation
import Hummingbird

/// `/_dev/mailbox`: the built-in mailbox of the demo, where the e-mails the shop "sent" can be
/// read, their links followed and their attachments downloaded. Open to all in demo mode; in
/// production only operators see it. With SMTP it lists the copies of the e-mails really sent,
/// for operators only: they reach real people.
struct MailboxController {
    let mailbox: Mailbox
    let renderer: PageRenderer
    let openToAll: Bool
    /// E-mails leave by SMTP: the pages list the copies kept of what was sent.
    var keptCopies = false

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/_dev/mailbox", use: list)
        router.get("/_dev/mailbox/:id", use: show)
        router.get("/_dev/mailbox/:id/html", use: html)
        router.get("/_dev/mailbox/:id/attachments/:index", use: attachment)
    }

    /// Outside the demo the mailbox does not exist for anyone but operators.
    private func guardAccess(_ context: AppRequestContext) throws {
        guard openToAll || context.user?.role == .operator else { throw HTTPError(.notFound) }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try guardAccess(context)
        let entries = try await mailbox.list()
        let title = keptCopies ? "E-mails envoyés" : "Boîte de réception (démo)"
        return HTML(body: renderer.render("mailbox", title: title, context: context, content: MailboxListView(entries, keptCopies: keptCopies)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        try guardAccess(context)
        let entry = try await entry(context)
        var view = MailboxMessageView(entry, keptCopies: keptCopies)
        if request.formQuery.get("ok") == "renvoye" { view.notice = "L'e-mail est remis en file d'envoi." }
        return HTML(body: renderer.render("mailbox-message", title: entry.message.subject, context: context, content: view))
    }

    /// The HTML part as its own document, shown in a sandboxed frame of the message page: the
    /// mail's markup never mixes with the shop's page.
    @Sendable func html(_ request: Request, context: AppRequestContext) async throws -> Response {
        try guardAccess(context)
        let entry = try await entry(context)
        var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: entry.message.html ?? "")))
        response.headers[.contentSecurityPolicy] = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
        response.headers[.xFrameOptions] = "SAMEORIGIN"
        return response
    }

    @Sendable func attachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try guardAccess(context)
        let entry = try await entry(context)
        guard let index = context.parameters.get("index", as: Int.self),
              entry.message.attachments.indices.contains(index) else { throw HTTPError(.notFound) }
        let file = entry.message.attachments[index]
        return Response(status: .ok, headers: [
            .contentType: file.contentType,
            .contentDisposition: ContentDisposition.attachment(filename: file.filename),
        ], body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    private func entry(_ context: AppRequestContext) async throws -> Mailbox.Entry {
        guard let id = context.parameters.get("id", as: Int64.self), let entry = try await mailbox.message(id: id) else {
            throw HTTPError(.notFound)
        }
        return entry
    }
}

/// `Content-Disposition` for a download, with an ASCII fallback and the UTF-8 name (RFC 6266).
enum ContentDisposition {
    static func attachment(filename: String) -> String {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
