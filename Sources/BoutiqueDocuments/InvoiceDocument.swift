import BoutiqueCore
import Foundation

/// An invoice for a validated order, or for a CSE's dotation (same layout, another title).
///
/// Gift cards are multi-purpose vouchers: their sale is not subject to VAT, which is due when
/// the card is spent in a store. The invoice therefore shows no VAT and carries `vatMention`.
public struct InvoiceDocument: Sendable {
    public enum Kind: Sendable, Hashable {
        /// An employee's purchase in the shop.
        case sale
        /// Cards a CSE gives its employees for an event, e.g. "Noël 2026".
        case dotation(event: String)
        /// A credit note (« avoir ») cancelling all or part of an invoice.
        case creditNote(InvoiceCorrection)
    }

    public var kind: Kind
    public var seller: InvoiceSeller
    public var buyer: InvoiceBuyer
    /// Gap-free sequential number allocated by the shop, e.g. "FAC-2026-000001".
    public var number: String
    public var issuedOn: CalendarDate
    /// Date of the sale (payment validation), which a French invoice states when it differs.
    public var soldOn: CalendarDate
    /// The order's human number, e.g. "CMD-000324".
    public var orderReference: String
    public var lines: [InvoiceLine]
    public var payment: InvoicePayment
    /// The VAT mention; the default cites the confirmed legal basis.
    public var vatMention: String
    public var logo: PDFImage?
    public var accentColor: PDFColor
    /// Written into the file's properties; the same value gives the same bytes.
    public var createdAt: Date

    /// CGI art. 256 ter, 2 (transposing directive 2016/1065, directive 2006/112/CE art. 30 bis and
    /// 30 ter): a multi-purpose voucher's transfer is not subject to VAT, only the later supply of
    /// goods in exchange for it is.
    public static let multiPurposeVoucherMention =
        "TVA non applicable : les e-Cartes sont des bons à usages multiples dont la vente n'est pas soumise "
        + "à la TVA (article 256\u{00A0}ter, 2 du code général des impôts ; articles 30\u{00A0}bis et "
        + "30\u{00A0}ter de la directive 2006/112/CE). La TVA est due lors de la remise des biens en échange de la e-Carte."

    public init(
        kind: Kind = .sale, seller: InvoiceSeller, buyer: InvoiceBuyer, number: String,
        issuedOn: CalendarDate, soldOn: CalendarDate, orderReference: String, lines: [InvoiceLine],
        payment: InvoicePayment, vatMention: String = InvoiceDocument.multiPurposeVoucherMention,
        logo: PDFImage? = nil, accentColor: PDFColor = PDFColor(hex: 0x1F4E79), createdAt: Date
    ) {
        self.kind = kind
        self.seller = seller
        self.buyer = buyer
        self.number = number
        self.issuedOn = issuedOn
        self.soldOn = soldOn
        self.orderReference = orderReference
        self.lines = lines
        self.payment = payment
        self.vatMention = vatMention
        self.logo = logo
        self.accentColor = accentColor
        self.createdAt = createdAt
    }

    /// The priced order: each line rounded once, totals summed (see `Pricing`).
    public func pricedOrder() throws(PricingError) -> PricedOrder {
        var priced: [PricedLine] = []
        for line in lines {
            if let price = line.price {
                priced.append(try Pricing.line(faceValue: line.faceValue, quantity: line.quantity, rate: line.rate, price: price))
            } else {
                priced.append(try Pricing.price(faceValue: line.faceValue, quantity: line.quantity, rate: line.rate))
            }
        }
        return try Pricing.total(of: priced)
    }

    /// The A4 PDF, on as many pages as the lines need, the table header repeated on each.
    public func pdf() throws(PricingError) -> [UInt8] {
        let order = try pricedOrder()
        var layout = InvoiceLayout(invoice: self, logo: nil)
        var document = PDFDocument(info: PDFDocumentInfo(title: "\(title) \(number)", creationDate: createdAt))
        layout.logo = logo.map { document.add($0) }
        for page in layout.pages(for: order) { document.append(page) }
        return document.bytes()
    }

    var title: String {
        switch kind {
        case .sale: "Facture"
        case .dotation: "Facture de dotation"
        case .creditNote: "Avoir"
        }
    }

    var isCreditNote: Bool {
        if case .creditNote = kind { return true }
        return false
    }

    /// « Commande N° … » or « Dotation N° … ».
    var subjectLine: String {
        switch kind {
        case .sale: "Commande N° \(orderReference)"
        case .dotation: "Dotation N° \(orderReference)"
        case .creditNote(let correction): "\(correction.ofDotation ? "Dotation" : "Commande") N° \(orderReference)"
        }
    }
}
