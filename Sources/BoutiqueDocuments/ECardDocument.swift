import BoutiqueCore
import Foundation

/// Everything printed on a downloadable e-card ("Télécharger ma e-Carte"), already resolved by the
/// caller: no database types, so the document can be produced and tested on its own.
public struct ECardDocument: Sendable {
    /// The retailer's brand, e.g. "Enseigne Démo".
    public var retailerName: String
    /// The product, e.g. "e-Carte Encore plus d'économies".
    public var productName: String
    /// Face value loaded on the card.
    public var value: Money
    public var cardNumber: CardNumber
    public var pin: CardPIN
    /// The last day the card can be used ("Date expiration").
    public var expiresOn: CalendarDate
    /// "Revente" for an employee's purchase, or the CSE's event such as "Noël 2026".
    public var event: String
    /// Where in the store the card is accepted, e.g. "Utilisable sur tout le magasin sauf carburant".
    public var usageConditions: String
    /// Which stores take the card, e.g. "Dans plus de 2 900 magasins … Liste sur votre compte".
    public var whereToSpend: String
    /// The order's human number, e.g. "CMD-000324".
    public var orderReference: String
    /// Printed at the top left, above the title; a JPEG or opaque PNG.
    public var logo: PDFImage?
    /// Branding colour for headings and the card's band.
    public var accentColor: PDFColor
    /// Written into the file's properties; the same value gives the same bytes.
    public var createdAt: Date

    public init(
        retailerName: String, productName: String, value: Money, cardNumber: CardNumber, pin: CardPIN,
        expiresOn: CalendarDate, event: String, usageConditions: String, whereToSpend: String,
        orderReference: String, logo: PDFImage? = nil, accentColor: PDFColor = PDFColor(hex: 0x1F4E79),
        createdAt: Date
    ) {
        self.retailerName = retailerName
        self.productName = productName
        self.value = value
        self.cardNumber = cardNumber
        self.pin = pin
        self.expiresOn = expiresOn
        self.event = event
        self.usageConditions = usageConditions
        self.whereToSpend = whereToSpend
        self.orderReference = orderReference
        self.logo = logo
        self.accentColor = accentColor
        self.createdAt = createdAt
    }

    /// The printable A4 PDF.
    public func pdf() -> [UInt8] {
        var document = PDFDocument(info: PDFDocumentInfo(
            title: "\(Wording.title) \(productName)", creationDate: createdAt))
        let logoReference = logo.map { document.add($0) }
        var page = PDFPage()
        var y = drawHeader(on: &page, logo: logoReference)
        y = drawCard(on: &page, top: y + 24)
        drawDetails(on: &page, top: y + 36)
        document.append(page)
        return document.bytes()
    }

    // MARK: Layout

    private static let margin = 56.0
    /// ISO/IEC 7810 ID-1, the size of a bank card: 85.60 × 53.98 mm.
    static let cardWidth = 85.60 / 25.4 * 72
    static let cardHeight = 53.98 / 25.4 * 72

    private var contentWidth: Double { PDFPage.a4Width - 2 * Self.margin }

    /// Logo, title and order reference; returns the y below them.
    private func drawHeader(on page: inout PDFPage, logo: PDFImageReference?) -> Double {
        var y = Self.margin
        if let logo, let image = self.logo {
            let height = 40.0
            let width = height * Double(image.pixelWidth) / Double(image.pixelHeight)
            page.drawImage(logo, x: Self.margin, y: y, width: min(width, 160), height: height)
            y += height + 12
        }
        page.drawText(Wording.title, x: Self.margin, y: y + 18, font: .helveticaBold, size: 20, color: accentColor)
        page.drawText("\(Wording.order) \(orderReference)", x: Self.margin + contentWidth, y: y + 18,
                      font: .helvetica, size: 10, color: .darkGray, alignment: .right)
        y += 30
        page.drawLine(fromX: Self.margin, fromY: y, toX: Self.margin + contentWidth, toY: y,
                      color: accentColor, lineWidth: 1)
        y += 22
        return page.drawParagraph(Wording.howToPay, x: Self.margin, y: y, width: contentWidth,
                                  font: .helvetica, size: 10.5)
    }

    /// The card-sized block to cut out; returns the y of its bottom edge.
    private func drawCard(on page: inout PDFPage, top: Double) -> Double {
        let width = Self.cardWidth, height = Self.cardHeight
        let left = (PDFPage.a4Width - width) / 2
        page.drawText(Wording.cutHere, x: left + width / 2, y: top - 6, font: .helveticaOblique, size: 7,
                      color: .gray, alignment: .center)
        page.strokeRectangle(x: left - 6, y: top, width: width + 12, height: height + 12, color: .gray,
                             lineWidth: 0.6, dash: (on: 4, off: 3))
        let x = left, y = top + 6
        page.fillRectangle(x: x, y: y, width: width, height: 26, color: accentColor)
        page.drawText(value.french, x: x + width - 8, y: y + 18, font: .helveticaBold, size: 14,
                      color: .white, alignment: .right)
        // Names give way to the value, which must always be readable.
        let nameWidth = width - 24 - PDFFont.helveticaBold.width(of: value.french, size: 14)
        page.drawText(retailerName, x: x + 8, y: y + 11, font: .helveticaBold, size: 9, color: .white,
                      maxWidth: nameWidth)
        page.drawText(productName, x: x + 8, y: y + 21, font: .helvetica, size: 7, color: .white,
                      maxWidth: nameWidth)

        // A CardNumber is always 19 ASCII digits, which Code 128 always encodes.
        if let barcode = try? Code128(cardNumber.digits) {
            let barcodeWidth = Double(barcode.moduleCountWithQuietZones) * 0.96
            page.drawBarcode(barcode, x: x + (width - barcodeWidth) / 2, y: y + 32, height: 42)
        }
        page.drawText(cardNumber.grouped, x: x + width / 2, y: y + 87, font: .courierBold, size: 10.5,
                      alignment: .center)
        page.drawText("\(Wording.pin) \(pin.digits)", x: x + 8, y: y + 101, font: .helveticaBold, size: 8)
        page.drawText("\(Wording.expiry) \(expiresOn.french)", x: x + width - 8, y: y + 101,
                      font: .helvetica, size: 8, alignment: .right)
        page.drawParagraph("\(event) / \(usageConditions)", x: x + 8, y: y + 113, width: width - 16,
                           font: .helvetica, size: 6.5, leading: 8, color: .darkGray, maxLines: 2)
        page.drawText(Wording.severalTimes, x: x + 8, y: y + height - 6, font: .helveticaOblique, size: 6.5,
                      color: .darkGray)
        // Repeated on the card itself so a cut-out card still leads back to its order.
        page.drawText(orderReference, x: x + width - 8, y: y + height - 6, font: .helvetica, size: 6.5,
                      color: .darkGray, alignment: .right)
        return top + height + 12
    }

    /// The explanations under the card.
    private func drawDetails(on page: inout PDFPage, top: Double) {
        let x = Self.margin, width = contentWidth
        var y = top
        let rows: [(String, String)] = [
            (Wording.valueLabel, value.french),
            (Wording.cardNumberLabel, cardNumber.grouped),
            (Wording.pinLabel, pin.digits),
            (Wording.eventLabel, "\(event) / \(usageConditions)"),
            (Wording.expiry, expiresOn.french),
        ]
        for (label, text) in rows {
            page.drawText(label, x: x, y: y, font: .helveticaBold, size: 10)
            y = page.drawParagraph(text, x: x + 150, y: y, width: width - 150, font: .helvetica, size: 10)
            y += 2
        }
        y += 10
        y = section(Wording.usageHeading, "\(Wording.severalTimes) \(Wording.untilExpiry) \(expiresOn.french).",
                    on: &page, y: y)
        y = section(Wording.payHeading, Wording.howToPay, on: &page, y: y)
        y = section(Wording.whereHeading, whereToSpend, on: &page, y: y)
        _ = section(Wording.keepHeading, Wording.keepSafe, on: &page, y: y)
    }

    private func section(_ heading: String, _ text: String, on page: inout PDFPage, y: Double) -> Double {
        page.drawText(heading, x: Self.margin, y: y, font: .helveticaBold, size: 11, color: accentColor)
        return page.drawParagraph(text, x: Self.margin, y: y + 15, width: contentWidth, font: .helvetica,
                                  size: 10) + 10
    }

    /// The document's texts, from the real system's guide.
    private enum Wording {
        static let title = "Votre e-Carte cadeau"
        static let order = "Commande N°"
        static let cutHere = "Découpez votre e-Carte en suivant les pointillés"
        static let pin = "Code PIN :"
        static let expiry = "Date expiration :"
        static let severalTimes = "Utilisable en une ou plusieurs fois"
        static let untilExpiry = "jusqu'à sa date de fin de validité, le"
        static let valueLabel = "Valeur :"
        static let cardNumberLabel = "Numéro de carte :"
        static let pinLabel = "Code PIN :"
        static let eventLabel = "Évènement / Rayons :"
        static let usageHeading = "Utilisation"
        static let payHeading = "Comment payer avec votre e-Carte"
        static let howToPay = "Imprimez cette e-Carte et remettez-la à l'hôte(sse) de caisse, "
            + "ou présentez le code-barres sur votre smartphone."
        static let whereHeading = "Où dépenser votre e-Carte"
        static let keepHeading = "Important"
        static let keepSafe = "Cette e-Carte vaut moyen de paiement : conservez-la comme de l'argent liquide "
            + "et ne communiquez ni son numéro ni son code PIN."
    }
}
