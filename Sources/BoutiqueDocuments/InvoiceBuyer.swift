/// Who is invoiced: an employee (name and e-mail, address if known) or a CSE for a dotation.
public struct InvoiceBuyer: Sendable, Hashable {
    public var name: String
    public var addressLines: [String]
    public var email: String?

    public init(name: String, addressLines: [String] = [], email: String? = nil) {
        self.name = name
        self.addressLines = addressLines
        self.email = email
    }
}
