import BoutiqueCore
import BoutiqueDocuments
import Foundation

/// Inputs shared by the tests: the guide's example order (50 + 100 + 10 € at 5 %) and its card.
enum TestDocuments {
    static let createdAt = Date(timeIntervalSince1970: 1_773_326_700) // 2026-03-12 14:45:00 UTC
    static let product = "e-Carte Encore plus d'économies"

    static func eCard(number: String = "5032123456789012345", logo: PDFImage? = nil) throws -> ECardDocument {
        ECardDocument(
            retailerName: "Enseigne Démo", productName: product,
            value: try Money.euros(50), cardNumber: try CardNumber(number),
            pin: try CardPIN("4821"), expiresOn: try CalendarDate(year: 2020, month: 7, day: 9),
            event: "Revente", usageConditions: "Utilisable sur tout le magasin sauf carburant",
            whereToSpend: "Dans plus de 2 900 magasins de l'enseigne (liste sur votre compte, « Où dépenser ma e-Carte »).",
            orderReference: "CMD-000324", logo: logo, createdAt: createdAt)
    }

    static let seller = InvoiceSeller(
        name: "Boutique Démo", legalForm: "SAS", addressLines: ["1 rue de la Paix", "75002 Paris"],
        siren: "123 456 789", siret: "123 456 789 00012", rcs: "RCS Paris 123 456 789",
        shareCapital: Money(cents: 1_000_000), vatNumber: "FR32 123456789", contact: "contact@boutique.example")

    static func guideLines() throws -> [InvoiceLine] {
        let rate = try DiscountRate.percent(5)
        return [
            InvoiceLine(product: product, faceValue: try Money.euros(50), quantity: 1, rate: rate),
            InvoiceLine(product: product, faceValue: try Money.euros(100), quantity: 1, rate: rate),
            InvoiceLine(product: product, faceValue: try Money.euros(10), quantity: 1, rate: rate),
        ]
    }

    static func invoice(lines: [InvoiceLine]? = nil, kind: InvoiceDocument.Kind = .sale) throws -> InvoiceDocument {
        let day = try CalendarDate(year: 2026, month: 3, day: 12)
        let isDotation = kind != .sale
        return InvoiceDocument(
            kind: kind, seller: seller,
            buyer: isDotation
                ? InvoiceBuyer(name: "CSE Démo Industries", addressLines: ["4 avenue des Lilas", "69003 Lyon"])
                : InvoiceBuyer(name: "Camille Durand", email: "camille.durand@example.org"),
            number: "FAC-2026-000001", issuedOn: day, soldOn: day, orderReference: "CMD-000324",
            lines: try lines ?? guideLines(),
            payment: isDotation
                ? InvoicePayment(method: "Virement bancaire", paidOn: nil,
                                 terms: "Échéance : 11/04/2026. Pénalités de retard au taux légal.")
                : InvoicePayment(method: "Carte bancaire", paidOn: day),
            createdAt: createdAt)
    }

    /// Many lines, so the table runs over several pages.
    static func longInvoice(lineCount: Int) throws -> InvoiceDocument {
        let rate = try DiscountRate.percent(5)
        var lines: [InvoiceLine] = []
        for index in 1...lineCount {
            lines.append(InvoiceLine(product: "\(product) n° \(index)", faceValue: try Money.euros(10 + index),
                                     quantity: 1 + index % 3, rate: rate))
        }
        return try invoice(lines: lines)
    }

    // Tiny images made with Pillow: a 48 × 16 blue and orange "logo".
    static let jpegLogo = decode("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAQADADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDzCiiivoTwD2Ciiivw8/Zzx+iiiv3A/GD/2Q==")
    static let pngRGBLogo = decode("iVBORw0KGgoAAAANSUhEUgAAADAAAAAQCAIAAADfzGvmAAAAPElEQVR4nGOU96tkIAUc15pNknrLa6kkqWciSTUdwKiDCIFRBxECow4iBEYdRAiMOogQGHUQITDqIEIAABKXBAYJbIw8AAAAAElFTkSuQmCC")
    static let pngPaletteLogo = decode("iVBORw0KGgoAAAANSUhEUgAAADAAAAAQAQMAAABqYG7yAAAABlBMVEXmeBQfTnkj+mXIAAAAF0lEQVR4nGP8z8DI8J+BiYGBgYGBDhQA4QMCH2rZh/cAAAAASUVORK5CYII=")
    static let pngAlphaLogo = decode("iVBORw0KGgoAAAANSUhEUgAAADAAAAAQCAYAAABQrvyxAAAAQUlEQVR4nGOU96v8z0ABOK41mxLtDJbXUinSz0SR7kEARj0w0GDUAwMNRj0w0GDUAwMNRj0w0GDUAwMNRj0w0AAAsaQFBaK1K4sAAAAASUVORK5CYII=")

    private static func decode(_ base64: String) -> [UInt8] {
        Array(Data(base64Encoded: base64) ?? Data())
    }
}

extension InvoiceDocument.Kind {
    static let noel = InvoiceDocument.Kind.dotation(event: "Noël 2026")
}

/// pdftotext's output with runs of whitespace folded, so tests match phrases across layout gaps.
func normalizedWhitespace(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
