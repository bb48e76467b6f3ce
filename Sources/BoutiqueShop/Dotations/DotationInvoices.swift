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
        var data = ["reference": dotation.reference, "invoice": invoice.reference, "total": Money(cents: dotation.totalCents).french,
                    "count": String(detail.lines.count), "link": "\(composer.settings.publicURL)/gestion/dotations/\(dotationID)"]
        if let transfer = invoice.transfer {
            data["beneficiary"] = transfer.beneficiaryName
            data["iban"] = transfer.iban.grouped
            data["bic"] = transfer.bic?.code ?? ""
            if case .structured(let creditor) = transfer.remittance { data["transferReference"] = creditor.grouped }
        }
        let attachment = MailAttachment(filename: "facture-\(invoice.reference).pdf", contentType: "application/pdf", data: Data(invoice.pdf))
        for recipient in recipients {
            let message = try composer.compose("dotation-invoice", to: MailAddress(recipient, name: detail.tenant.name),
                                               subject: "Facture de votre dotation \(dotation.reference)", data: data,
                                               attachments: [attachment])
            try await Outbox.enqueue(message, in: dotations.database.tables)
        }
    }

    /// A dotation's invoice: its number, the PDF, and the transfer that pays it while unpaid.
    public struct Invoice: Sendable {
        public let reference: String
        public let pdf: [UInt8]
        public let transfer: EPCTransfer?
    }

    /// The reference a CSE's transfer for this invoice carries: ISO 11649 (« RF »), made from the
    /// invoice number so that the bank statement names the invoice it pays.
    public static func transferReference(invoiceNumber: Int) -> CreditorReference? {
        try? CreditorReference(invoiceNumber: OrderHistory.invoiceReference(invoiceNumber))
    }

    public func invoice(actor: AccountActor, dotationID: UUID) async throws -> Invoice? {
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
        let creditor = Self.transferReference(invoiceNumber: dotation.invoiceNumber)
        let transfer = seller.iban.flatMap { iban in
            try? EPCTransfer(beneficiaryName: String(seller.name.prefix(EPCTransfer.maximumNameLength)), iban: iban, bic: seller.bic,
                             amount: Money(cents: dotation.totalCents), remittance: creditor.map { .structured($0) })
        }
        let quoted = creditor.map { "la référence \($0.grouped)" } ?? "la référence \(dotation.reference)"
        let payment = InvoicePayment(
            method: "Virement bancaire", paidOn: detail.paidAt.map(FrenchCalendar.today),
            terms: "Paiement par virement à réception de la facture, en indiquant \(quoted) (ou en scannant le code ci-dessous). "
                + "Les e-Cartes sont émises à réception du paiement. Pas d'escompte pour paiement anticipé ; pénalités de retard "
                + "au taux légal et indemnité forfaitaire de recouvrement de 40 € (art. L441-10 du code de commerce).",
            transfer: transfer)
        let document = InvoiceDocument(kind: .dotation(event: event), seller: seller, buyer: Self.buyer(tenant), number: reference,
                                       issuedOn: issuedOn, soldOn: issuedOn, orderReference: dotation.reference, lines: lines,
                                       payment: payment, createdAt: created)
        return Invoice(reference: reference, pdf: try document.pdf(), transfer: detail.paidAt == nil ? transfer : nil)
    }

    /// The CSE as the buyer: its legal identity once the operator has entered it, else its name.
    static func buyer(_ tenant: TenantRecord) -> InvoiceBuyer {
        guard let identity = tenant.settings.legalIdentity else { return InvoiceBuyer(name: tenant.name, email: tenant.contactEmail) }
        return InvoiceBuyer(name: identity.legalName, addressLines: identity.addressLines + ["SIRET \(identity.siret.grouped)"],
                            email: tenant.contactEmail)
    }
}
