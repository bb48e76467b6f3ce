import BoutiqueCore
import BoutiqueDocuments
import BoutiqueMail
import BoutiqueStore
import Foundation

/// The invoice a CSE receives for a dotation: the cards at face value, grouped by amount, paid by
/// transfer (terms printed until the operator records the payment).
public struct DotationInvoices: Sendable {
    let dotations: Dotations
    let seller: InvoiceSeller
    let composer: MailComposer

    public init(dotations: Dotations, seller: InvoiceSeller, composer: MailComposer) {
        self.dotations = dotations
        self.seller = seller
        self.composer = composer
    }

    /// Sends the invoice, as a PDF, to the CSE's contact address and to the manager who confirmed.
    public func send(actor: AccountActor, dotationID: UUID, managerEmail: String) async throws {
        guard let detail = try await dotations.detail(actor: actor, id: dotationID),
              let invoice = try await invoice(actor: actor, dotationID: dotationID) else { return }
        let dotation = detail.record
        let recipients = Set([detail.tenant.contactEmail.lowercased(), managerEmail.lowercased()]).sorted()
        let data = ["reference": dotation.reference, "invoice": invoice.reference, "total": Money(cents: dotation.totalCents).guide,
                    "count": String(detail.lines.count), "link": "\(composer.settings.publicURL)/gestion/dotations/\(dotationID)"]
        let attachment = MailAttachment(filename: "facture-\(invoice.reference).pdf", contentType: "application/pdf", data: Data(invoice.pdf))
        for recipient in recipients {
            let message = try composer.compose("dotation-invoice", to: MailAddress(recipient, name: detail.tenant.name),
                                               subject: "Facture de votre dotation \(dotation.reference)", data: data,
                                               attachments: [attachment])
            try await Outbox.enqueue(message, in: dotations.database.tables)
        }
    }

    public func invoice(actor: AccountActor, dotationID: UUID) async throws -> (reference: String, pdf: [UInt8])? {
        guard let detail = try await dotations.detail(actor: actor, id: dotationID), detail.record.status != .cancelled else { return nil }
        let dotation = detail.record
        let reference = OrderHistory.invoiceReference(dotation.invoiceNumber)
        let created = dotation.createdAt ?? Date()
        let issuedOn = FrenchCalendar.today(created)
        let event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
        let byAmount = Dictionary(grouping: detail.lines, by: \.amountCents)
        let lines = byAmount.keys.sorted().map { cents in
            InvoiceLine(product: "e-Carte cadeau — \(event)", faceValue: Money(cents: cents), quantity: byAmount[cents]?.count ?? 0, rate: .none)
        }
        let tenant = detail.tenant
        let payment = InvoicePayment(
            method: "Virement bancaire", paidOn: detail.paidAt.map(FrenchCalendar.today),
            terms: "Paiement par virement à réception de la facture, en rappelant la référence \(dotation.reference). "
                + "Les e-Cartes sont émises à réception du paiement. Pas d'escompte pour paiement anticipé ; pénalités de retard "
                + "au taux légal et indemnité forfaitaire de recouvrement de 40 € (art. L441-10 du code de commerce).")
        let document = InvoiceDocument(kind: .dotation(event: event), seller: seller,
                                       buyer: InvoiceBuyer(name: tenant.name, email: tenant.contactEmail), number: reference,
                                       issuedOn: issuedOn, soldOn: issuedOn, orderReference: dotation.reference, lines: lines,
                                       payment: payment, createdAt: created)
        return (reference, try document.pdf())
    }
}
