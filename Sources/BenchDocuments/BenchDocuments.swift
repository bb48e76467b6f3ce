import BoutiqueCore
import BoutiqueDocuments
import Foundation

/// Measures document generation on one thread: `bench-documents [seconds] [output-directory]`.
/// Prints `e-card PDFs/s: N` and `invoices/s: N` with each document's size; when an output
/// directory is given, also writes one of each there for a look.
@main
enum BenchDocuments {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let seconds = arguments.first.flatMap(Double.init) ?? 3
        let card = try SampleDocuments.eCard()
        let invoice = try SampleDocuments.invoice()

        let long = try SampleDocuments.invoice(lineCount: 60)
        let cardBytes = card.pdf()
        let invoiceBytes = try invoice.pdf()
        let longBytes = try long.pdf()
        if arguments.count > 1, let directory = arguments.last {
            let folder = URL(fileURLWithPath: directory)
            try Data(cardBytes).write(to: folder.appendingPathComponent("e-card.pdf"))
            try Data(invoiceBytes).write(to: folder.appendingPathComponent("invoice.pdf"))
            try Data(longBytes).write(to: folder.appendingPathComponent("invoice-60-lines.pdf"))
        }

        let cardRate = measure(seconds: seconds) { card.pdf().count }
        print("e-card PDFs/s: \(Int(cardRate)) (\(cardBytes.count) bytes each)")
        let invoiceRate = measure(seconds: seconds) { (try? invoice.pdf().count) ?? 0 }
        print("invoices/s: \(Int(invoiceRate)) (\(invoiceBytes.count) bytes each, \(invoice.lines.count) lines)")
        let longRate = measure(seconds: seconds) { (try? long.pdf().count) ?? 0 }
        print("60-line invoices/s: \(Int(longRate)) (\(longBytes.count) bytes each)")
    }

    /// Runs `work` for about `seconds` and returns runs per second; the byte counts are summed so
    /// the optimiser cannot drop the work.
    private static func measure(seconds: Double, _ work: () -> Int) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        var runs = 0
        var sink = 0
        while clock.now < deadline {
            for _ in 0..<50 { sink &+= work() }
            runs += 50
        }
        let elapsed = start.duration(to: clock.now)
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if sink == 42 { print("") }
        return Double(runs) / elapsedSeconds
    }
}

/// The guide's example order: 50 + 100 + 10 € at 5 %, and one of its cards.
enum SampleDocuments {
    static let createdAt = Date(timeIntervalSince1970: 1_773_326_700) // 2026-03-12 14:45 UTC

    static func eCard() throws -> ECardDocument {
        ECardDocument(
            retailerName: "Enseigne Démo", productName: "e-Carte Encore plus d'économies",
            value: try Money.euros(50), cardNumber: try CardNumber("5032123456789012345"),
            pin: try CardPIN("4821"), expiresOn: try CalendarDate(year: 2027, month: 3, day: 11),
            event: "Revente", usageConditions: "Utilisable sur tout le magasin sauf carburant",
            whereToSpend: "Dans plus de 2 900 magasins de l'enseigne en France métropolitaine "
                + "(liste sur votre compte, « Où dépenser ma e-Carte »).",
            orderReference: "CMD-000324", createdAt: createdAt)
    }

    /// Three lines give the guide's order; more lines repeat its face values.
    static func invoice(lineCount: Int = 3) throws -> InvoiceDocument {
        let rate = try DiscountRate.percent(5)
        let product = "e-Carte Encore plus d'économies"
        let values = [50, 100, 10]
        var lines: [InvoiceLine] = []
        for index in 0..<lineCount {
            lines.append(InvoiceLine(product: product, faceValue: try Money.euros(values[index % 3]), quantity: 1,
                                     rate: rate))
        }
        return InvoiceDocument(
            seller: InvoiceSeller(
                name: "Boutique Démo", legalForm: "SAS", addressLines: ["1 rue de la Paix", "75002 Paris"],
                siren: "123 456 789", siret: "123 456 789 00012", rcs: "RCS Paris 123 456 789",
                shareCapital: try Money.euros(10_000), vatNumber: "FR32 123456789"),
            buyer: InvoiceBuyer(name: "Camille Durand", email: "camille.durand@example.org"),
            number: "FAC-2026-000001",
            issuedOn: try CalendarDate(year: 2026, month: 3, day: 12),
            soldOn: try CalendarDate(year: 2026, month: 3, day: 12),
            orderReference: "CMD-000324",
            lines: lines,
            payment: InvoicePayment(method: "Carte bancaire",
                                    paidOn: try CalendarDate(year: 2026, month: 3, day: 12)),
            createdAt: createdAt)
    }
}
