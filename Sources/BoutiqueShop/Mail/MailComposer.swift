import BoutiqueCore
import BoutiqueMail
import Foundation
import Mustache

/// Builds the shop's e-mails from Mustache templates: `<name>.html.mustache` inside the shared
/// HTML layout, and `<name>.text.mustache` for the plain-text part. Wording lives in the templates.
public struct MailComposer: Sendable {
    let library: MustacheLibrary
    let settings: MailSettings

    public init(settings: MailSettings, templatesFolder: String? = nil) async throws {
        let folder = templatesFolder ?? Bundle.module.bundleURL.appendingPathComponent("MailTemplates").path
        library = try await MustacheLibrary(directory: folder)
        self.settings = settings
    }

    /// The e-mail `template` for `recipient`, with `data` available to the templates as `mail`.
    public func compose<Data>(_ template: String, to recipient: MailAddress, subject: String, data: Data,
                              attachments: [MailAttachment] = []) throws -> MailMessage {
        let model = MailModel(subject: subject, shopName: settings.shopName, publicURL: settings.publicURL,
                              recipientName: recipient.name, mail: data)
        guard let html = library.render(model, withTemplate: "\(template).html"),
              let text = library.render(model, withTemplate: "\(template).text") else {
            throw MailTemplateError(template: template)
        }
        return MailMessage(from: settings.from, to: [recipient], replyTo: settings.replyTo, subject: subject,
                           text: text, html: html, attachments: attachments)
    }
}

/// What every mail template sees.
struct MailModel<Content> {
    let subject: String
    let shopName: String
    let publicURL: String
    let recipientName: String?
    let mail: Content
}

public struct MailTemplateError: Error, CustomStringConvertible {
    public let template: String
    public var description: String { "Gabarit d'e-mail introuvable : \(template)" }
}
