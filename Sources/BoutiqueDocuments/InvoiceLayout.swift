import BoutiqueCore

/// Places an invoice on A4 pages: header and parties on page 1, the lines table flowing over as
/// many pages as needed with its header repeated, then totals, payment and legal mentions, and a
/// footer with the seller's identity and "Page n / N" on every page.
struct InvoiceLayout {
    let invoice: InvoiceDocument
    var logo: PDFImageReference?

    private static let margin = 48.0
    private static let width = PDFPage.a4Width - 2 * margin
    /// Lowest baseline the body may use; the footer lives below.
    private static let bodyBottom = PDFPage.a4Height - 78
    private static let cellPadding = 4.0
    private static let rowFontSize = 9.0
    private static let rowLeading = 11.0

    private struct Column {
        let title: String
        let width: Double
        let alignment: PDFTextAlignment
    }

    private static let columns = [
        Column(title: "PRODUIT", width: 175, alignment: .left),
        Column(title: "PRIX CHARGEMENT", width: 70, alignment: .right),
        Column(title: "QUANTITÉ", width: 55, alignment: .right),
        Column(title: "VALEUR FACIALE", width: 70, alignment: .right),
        Column(title: "REMISE", width: 55, alignment: .right),
        Column(title: "PRIX", width: width - 425, alignment: .right),
    ]

    func pages(for order: PricedOrder) -> [PDFPage] {
        var pages: [PDFPage] = []
        var page = PDFPage()
        var y = drawFirstPageHeader(on: &page)
        y = drawTableHeader(on: &page, y: y)
        for (line, priced) in zip(invoice.lines, order.lines) {
            let cells = cells(for: line, priced: priced)
            let height = rowHeight(cells)
            if y + height > Self.bodyBottom {
                pages.append(page)
                page = PDFPage()
                y = drawContinuationHeader(on: &page)
                y = drawTableHeader(on: &page, y: y)
            }
            y = drawRow(cells, on: &page, y: y)
        }
        if y + closingHeight() > Self.bodyBottom {
            pages.append(page)
            page = PDFPage()
            y = drawContinuationHeader(on: &page)
        }
        y = drawTotals(order, on: &page, y: y + 8)
        drawClosing(on: &page, y: y + 18)
        pages.append(page)
        for index in pages.indices { drawFooter(on: &pages[index], number: index + 1, of: pages.count) }
        return pages
    }

    // MARK: Headers

    private func drawFirstPageHeader(on page: inout PDFPage) -> Double {
        let x = Self.margin, right = Self.margin + Self.width
        var top = Self.margin
        if let logo, let image = invoice.logo {
            let height = 36.0
            let width = min(160, height * Double(image.pixelWidth) / Double(image.pixelHeight))
            page.drawImage(logo, x: x, y: top, width: width, height: height)
            top += height + 10
        }
        // Seller on the left.
        let seller = invoice.seller
        page.drawText(seller.name, x: x, y: top + 10, font: .helveticaBold, size: 11)
        var sellerLines = seller.addressLines
        if let contact = seller.contact { sellerLines.append(contact) }
        sellerLines.append("SIREN \(seller.siren) — SIRET \(seller.siret)")
        sellerLines.append("N° TVA intracommunautaire : \(seller.vatNumber)")
        var sellerY = top + 24
        for line in sellerLines {
            page.drawText(line, x: x, y: sellerY, font: .helvetica, size: 9)
            sellerY += 11.5
        }
        // Title and references on the right.
        page.drawText(invoice.title.uppercased(), x: right, y: top + 14, font: .helveticaBold, size: 18,
                      color: invoice.accentColor, alignment: .right)
        var references = ["N° \(invoice.number)"]
        switch invoice.kind {
        case .sale, .dotation:
            references += ["Date de facture : \(invoice.issuedOn.french)", "Date de la vente : \(invoice.soldOn.french)", invoice.subjectLine]
        case .creditNote(let correction):
            references += ["Date de l'avoir : \(invoice.issuedOn.french)",
                           "Facture rectifiée : \(correction.invoiceNumber) du \(correction.invoicedOn.french)", invoice.subjectLine]
        }
        if case .dotation(let event) = invoice.kind { references.append("Évènement : \(event)") }
        var referenceY = top + 32
        for (index, line) in references.enumerated() {
            page.drawText(line, x: right, y: referenceY, font: index == 0 ? .helveticaBold : .helvetica,
                          size: index == 0 ? 10 : 9, alignment: .right)
            referenceY += 12
        }
        // Buyer in a box on the right, below the references.
        let boxTop = max(sellerY, referenceY) + 10
        let boxX = Self.margin + Self.width / 2 + 10, boxWidth = Self.width / 2 - 10
        var buyerLines = invoice.buyer.addressLines
        if let email = invoice.buyer.email { buyerLines.append(email) }
        let boxHeight = 34 + Double(buyerLines.count) * 11.5
        page.strokeRectangle(x: boxX, y: boxTop, width: boxWidth, height: boxHeight, color: .gray)
        page.drawText(invoice.isCreditNote ? "Avoir au profit de" : "Facturé à", x: boxX + 8, y: boxTop + 12, font: .helvetica, size: 8, color: .darkGray)
        page.drawText(invoice.buyer.name, x: boxX + 8, y: boxTop + 25, font: .helveticaBold, size: 10)
        var buyerY = boxTop + 37
        for line in buyerLines {
            page.drawText(line, x: boxX + 8, y: buyerY, font: .helvetica, size: 9)
            buyerY += 11.5
        }
        return boxTop + boxHeight + 24
    }

    private func drawContinuationHeader(on page: inout PDFPage) -> Double {
        let y = Self.margin + 12
        page.drawText("\(invoice.title) N° \(invoice.number) (suite)", x: Self.margin, y: y,
                      font: .helveticaBold, size: 11, color: invoice.accentColor)
        page.drawText(invoice.seller.name, x: Self.margin + Self.width, y: y, font: .helvetica, size: 9,
                      alignment: .right)
        return y + 20
    }

    // MARK: Table

    private func drawTableHeader(on page: inout PDFPage, y: Double) -> Double {
        let height = 26.0
        page.fillRectangle(x: Self.margin, y: y, width: Self.width, height: height, color: invoice.accentColor)
        var x = Self.margin
        for column in Self.columns {
            let anchor = column.alignment == .left ? x + Self.cellPadding : x + column.width - Self.cellPadding
            let lines = PDFText(column.title).lines(font: .helveticaBold, size: 7.5,
                                                    width: column.width - 2 * Self.cellPadding)
            var baseline = y + (lines.count > 1 ? 10.5 : 16)
            for line in lines {
                page.drawLine(line, x: anchor, y: baseline, font: .helveticaBold, size: 7.5, color: .white,
                              alignment: column.alignment)
                baseline += 9
            }
            x += column.width
        }
        return y + height
    }

    private func cells(for line: InvoiceLine, priced: PricedLine) -> [[ArraySlice<UInt8>]] {
        let texts = [
            line.product, line.faceValue.french, String(line.quantity), priced.faceTotal.french,
            line.rate.french, priced.price.french,
        ]
        return zip(texts, Self.columns).map { text, column in
            PDFText(text).lines(font: .helvetica, size: Self.rowFontSize, width: column.width - 2 * Self.cellPadding)
        }
    }

    private func rowHeight(_ cells: [[ArraySlice<UInt8>]]) -> Double {
        let lines = cells.map(\.count).max() ?? 1
        return Double(lines) * Self.rowLeading + 8
    }

    private func drawRow(_ cells: [[ArraySlice<UInt8>]], on page: inout PDFPage, y: Double) -> Double {
        var x = Self.margin
        for (column, lines) in zip(Self.columns, cells) {
            let anchor = column.alignment == .left ? x + Self.cellPadding : x + column.width - Self.cellPadding
            var baseline = y + 4 + Self.rowFontSize
            for line in lines {
                page.drawLine(line, x: anchor, y: baseline, font: .helvetica, size: Self.rowFontSize,
                              color: .black, alignment: column.alignment)
                baseline += Self.rowLeading
            }
            x += column.width
        }
        let bottom = y + rowHeight(cells)
        page.drawLine(fromX: Self.margin, fromY: bottom, toX: Self.margin + Self.width, toY: bottom,
                      color: .lightGray, lineWidth: 0.5)
        return bottom
    }

    // MARK: Totals and mentions

    /// Room the totals and mentions need, so they never start at the very bottom of a page.
    private func closingHeight() -> Double {
        let mentionLines = PDFText(invoice.vatMention).lines(font: .helvetica, size: 8.5, width: Self.width).count
        let termsLines = invoice.payment.terms.map {
            PDFText($0).lines(font: .helvetica, size: 8.5, width: Self.width).count
        } ?? 0
        let transfer = invoice.payment.transferDue.map { Self.transferBoxHeight($0.qrCode()) + 12 } ?? 0
        return 8 + 3 * 15 + 18 + 30 + Double(mentionLines + termsLines) * 11 + 10 + transfer
    }

    private static let qrModule = 2.4

    private static func transferBoxHeight(_ code: QRCode) -> Double {
        max(Double(code.sizeWithQuietZone) * qrModule, 5 * 13 + 24) + 12
    }

    /// The bank details and the EPC QR code (the « SEPA Credit Transfer » code banking apps scan):
    /// what to type and what to scan say the same thing. - Returns: the baseline below the box.
    private func drawTransfer(_ transfer: EPCTransfer, on page: inout PDFPage, y: Double) -> Double {
        let code = transfer.qrCode()
        let height = Self.transferBoxHeight(code)
        page.strokeRectangle(x: Self.margin, y: y, width: Self.width, height: height, color: .gray)
        page.drawText("Paiement par virement", x: Self.margin + 10, y: y + 16, font: .helveticaBold, size: 10, color: invoice.accentColor)
        var reference = ""
        if case .structured(let creditor) = transfer.remittance { reference = creditor.grouped }
        let rows = [("Bénéficiaire", transfer.beneficiaryName), ("IBAN", transfer.iban.grouped), ("BIC", transfer.bic?.code ?? "—"),
                    ("Montant", transfer.amount.french), ("Référence à indiquer", reference)]
        var baseline = y + 34
        for (label, value) in rows where !value.isEmpty {
            page.drawText(label, x: Self.margin + 10, y: baseline, font: .helvetica, size: 9, color: .darkGray)
            page.drawText(value, x: Self.margin + 120, y: baseline, font: label == "IBAN" || label.hasPrefix("Référence") ? .helveticaBold : .helvetica,
                          size: 9.5)
            baseline += 13
        }
        let side = Double(code.sizeWithQuietZone) * Self.qrModule
        page.drawQRCode(code, x: Self.margin + Self.width - side - 6, y: y + 6, moduleSize: Self.qrModule)
        page.drawText("Scannez ce code avec l'application de votre banque", x: Self.margin + Self.width - side - 12, y: y + height - 8,
                      font: .helvetica, size: 7, color: .darkGray, alignment: .right)
        return y + height + 12
    }

    private func drawTotals(_ order: PricedOrder, on page: inout PDFPage, y: Double) -> Double {
        let labelX = Self.margin + Self.width - 130, valueX = Self.margin + Self.width - Self.cellPadding
        let paid = invoice.payment.paidOn != nil
        let rows: [(String, String, Bool)] = [
            ("Total valeur faciale", order.faceTotal.french, false),
            ("Remise", "- \(order.savings.french)", false),
            (invoice.isCreditNote ? "Total de l'avoir" : paid ? "Total payé" : "Total à payer", order.total.french, true),
        ]
        var baseline = y + 12
        for (label, value, strong) in rows {
            let font: PDFFont = strong ? .helveticaBold : .helvetica
            if strong {
                page.fillRectangle(x: labelX - 150, y: baseline - 11, width: Self.margin + Self.width - labelX + 150,
                                   height: 16, color: .lightGray)
            }
            page.drawText(label, x: labelX, y: baseline, font: font, size: 10, alignment: .right)
            page.drawText(value, x: valueX, y: baseline, font: font, size: 10, alignment: .right)
            baseline += 15
        }
        return baseline
    }

    private func drawClosing(on page: inout PDFPage, y: Double) {
        let payment = invoice.payment
        var text = "Moyen de paiement : \(payment.method)"
        if let paidOn = payment.paidOn { text += " — payé le \(paidOn.french). Facture acquittée." }
        if case .creditNote(let correction) = invoice.kind {
            text = "Motif : \(correction.reason). \(payment.method)"
        }
        var baseline = page.drawParagraph(text, x: Self.margin, y: y, width: Self.width, font: .helvetica, size: 9.5)
        if let terms = payment.terms {
            baseline = page.drawParagraph(terms, x: Self.margin, y: baseline, width: Self.width, font: .helvetica,
                                          size: 8.5, leading: 11)
        }
        if let transfer = payment.transferDue { baseline = drawTransfer(transfer, on: &page, y: baseline + 4) }
        page.drawParagraph(invoice.vatMention, x: Self.margin, y: baseline + 8, width: Self.width,
                           font: .helveticaBold, size: 8.5, leading: 11)
    }

    private func drawFooter(on page: inout PDFPage, number: Int, of count: Int) {
        let seller = invoice.seller
        let top = PDFPage.a4Height - 58
        page.drawLine(fromX: Self.margin, fromY: top, toX: Self.margin + Self.width, toY: top,
                      color: .lightGray, lineWidth: 0.5)
        let identity = "\(seller.name) — \(seller.legalForm) au capital de \(seller.shareCapital.french) — "
            + "\(seller.rcs) — SIRET \(seller.siret) — TVA \(seller.vatNumber)"
        page.drawParagraph(identity, x: Self.margin, y: top + 12, width: Self.width - 60, font: .helvetica,
                           size: 7, leading: 9, color: .darkGray)
        page.drawText("Page \(number) / \(count)", x: Self.margin + Self.width, y: top + 12, font: .helvetica,
                      size: 7, color: .darkGray, alignment: .right)
    }
}
