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

    /// Cancels a dotation not yet paid, in one transaction: its amounts no longer count against
    /// the ceiling, a credit note cancels its invoice and goes to whoever received the invoice
    /// (the CSE's contact address and the manager who confirmed). - Returns: false when it was
    /// not the actor's to cancel or not awaiting payment any more.
    public func cancel(actor: AccountActor, id: UUID) async throws -> Bool {
        guard let detail = try await dotations.detail(actor: actor, id: id), let scope = actor.scope(for: detail.record.tenantID) else {
            return false
        }
        let dotation = detail.record, notes = CreditNotes(database: dotations.database, seller: seller)
        return try await dotations.database.transaction { tables in
            guard try await tables.dotations.cancel(id, in: scope) else { return false }
            let note = try await CreditNotes.issue(cancellationOf: detail, at: dotations.now(), in: tables)
            let document = try notes.document(note)
            try await AuditLog.record(.dotationCancelled, by: actor, target: dotation.reference, tenantID: dotation.tenantID,
                                      details: "avoir \(document.reference)", in: tables)
            let attachment = MailAttachment(filename: "avoir-\(document.reference).pdf", contentType: "application/pdf", data: Data(document.pdf))
            let data = ["reference": dotation.reference, "creditNote": document.reference, "total": Money(cents: note.totalCents).french,
                        "invoice": OrderHistory.invoiceReference(dotation.invoiceNumber),
                        "link": "\(composer.settings.publicURL)/gestion/dotations/\(id)"]
            for recipient in Self.recipients(detail) {
                let message = try composer.compose("dotation-cancelled", to: MailAddress(recipient, name: detail.tenant.name),
                                                   subject: "Annulation de votre dotation \(dotation.reference) : avoir \(document.reference)",
                                                   data: data, attachments: [attachment])
                try await Outbox.enqueue(message, in: tables)
            }
            return true
        }
    }

    /// The credit note that cancelled the dotation's invoice, for its CSE's manager and the operator.
    public func creditNote(actor: AccountActor, dotationID: UUID) async throws -> CreditNotes.Document? {
        try await CreditNotes(database: dotations.database, seller: seller).ofDotation(actor: actor, dotationID: dotationID, dotations: dotations)
    }

    /// The number of the dotation's credit note, when it was cancelled.
    public func creditNoteReference(dotationID: UUID) async throws -> String? {
        try await dotations.database.tables.creditNotes.of(dotationID: dotationID).map { OrderHistory.invoiceReference($0.number) }
    }

    /// Who received the invoice: the CSE's contact address and the manager who confirmed it.
    static func recipients(_ detail: DotationTable.Detail) -> [String] {
        var addresses = [detail.tenant.contactEmail.lowercased()]
        if detail.record.createdBy.contains("@") { addresses.append(detail.record.createdBy.lowercased()) }
        return Set(addresses).sorted()
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

    /// « Noël 2026 ».
    static func eventName(_ dotation: DotationRecord) -> String {
        "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
    }

    /// The invoice, whatever became of the dotation: a cancelled one keeps its invoice (its credit
    /// note cancels it), without the transfer block, which would invite paying it.
    public func invoice(actor: AccountActor, dotationID: UUID) async throws -> Invoice? {
        guard let detail = try await dotations.detail(actor: actor, id: dotationID) else { return nil }
        let dotation = detail.record
        let reference = OrderHistory.invoiceReference(dotation.invoiceNumber)
        let created = dotation.createdAt ?? Date()
        let issuedOn = FrenchCalendar.today(created)
        let event = Self.eventName(dotation)
        let byAmount = Dictionary(grouping: detail.lines, by: \.amountCents)
        let lines = byAmount.keys.sorted().map { cents in
            InvoiceLine(product: "e-Carte cadeau — \(event)", faceValue: Money(cents: cents), quantity: byAmount[cents]?.count ?? 0, rate: .none)
        }
        let tenant = detail.tenant
        let creditor = Self.transferReference(invoiceNumber: dotation.invoiceNumber)
        let transfer = dotation.status == .cancelled ? nil : seller.iban.flatMap { iban in
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
        let document = InvoiceDocument(kind: .dotation(event: event), seller: seller, buyer: InvoiceParties.buyer(dotation.invoiceBuyer ?? InvoiceParties.cse(tenant)), number: reference,
                                       issuedOn: issuedOn, soldOn: issuedOn, orderReference: dotation.reference, lines: lines,
                                       payment: payment, createdAt: created)
        return Invoice(reference: reference, pdf: try document.pdf(), transfer: detail.paidAt == nil ? transfer : nil)
    }
}
