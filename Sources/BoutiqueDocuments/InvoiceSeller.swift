import BoutiqueCore

/// The shop operator as its invoices must name it (French commercial code mentions), from
/// configuration.
public struct InvoiceSeller: Sendable, Hashable {
    /// Company name, e.g. "Boutique Démo SAS".
    public var name: String
    /// Legal form, e.g. "SAS".
    public var legalForm: String
    /// Street, postcode and city, one line each.
    public var addressLines: [String]
    /// 9 digits, e.g. "123 456 789".
    public var siren: String
    /// 14 digits, e.g. "123 456 789 00012".
    public var siret: String
    /// Registry and city, e.g. "RCS Paris 123 456 789".
    public var rcs: String
    public var shareCapital: Money
    /// Intra-community VAT number, e.g. "FR12 123456789".
    public var vatNumber: String
    /// Contact line printed under the address (e-mail or phone), optional.
    public var contact: String?
    /// The account transfers are paid to (dotation invoices), with its bank's BIC.
    public var iban: IBAN?
    public var bic: BIC?

    public init(
        name: String, legalForm: String, addressLines: [String], siren: String, siret: String, rcs: String,
        shareCapital: Money, vatNumber: String, contact: String? = nil, iban: IBAN? = nil, bic: BIC? = nil
    ) {
        self.iban = iban
        self.bic = bic
        self.name = name
        self.legalForm = legalForm
        self.addressLines = addressLines
        self.siren = siren
        self.siret = siret
        self.rcs = rcs
        self.shareCapital = shareCapital
        self.vatNumber = vatNumber
        self.contact = contact
    }
}
