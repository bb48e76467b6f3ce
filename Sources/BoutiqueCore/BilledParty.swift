/// Who an invoice or a credit note is made out to, written when the document is issued: a later
/// change of name, address or account leaves the document as it was.
public struct BilledParty: Sendable, Codable, Equatable {
    public let name: String
    public let addressLines: [String]
    public let email: String?

    public init(name: String, addressLines: [String] = [], email: String?) {
        self.name = name
        self.addressLines = addressLines
        self.email = email
    }
}
