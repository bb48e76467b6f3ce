import BoutiqueCore
import BoutiqueMail

/// Who the shop's e-mails come from, and where replies go.
public struct MailSettings: Sendable {
    public var from: MailAddress
    public var replyTo: MailAddress?
    /// The shop's public address, for links in e-mails.
    public var publicURL: String
    public var shopName: String

    public init(from: MailAddress = MailAddress("no-reply@boutique.localhost", name: "Boutique e-Cartes cadeaux"),
                replyTo: MailAddress? = nil, publicURL: String = "http://127.0.0.1:8080",
                shopName: String = "Boutique e-Cartes cadeaux") {
        self.from = from
        self.replyTo = replyTo
        self.publicURL = publicURL
        self.shopName = shopName
    }
}
