import BoutiqueCore
import BoutiqueStore
import Foundation

/// « Virement reçu »: the operator records each bank transfer a CSE makes for a dotation, as its
/// statement shows it. The dotation is paid, and its cards scheduled, once the transfers add up to
/// its total; a partial transfer is kept and the rest awaited; an excess is stated, to be paid
/// back. A reference that names neither the invoice nor the dotation needs the operator's word.
extension Dotations {
    /// The form, as typed: the amount in euros, the day the bank credited it (ISO, from a date
    /// field), the reference on the statement, and « oui » to record it despite a reference that
    /// does not match.
    public struct TransferForm: Decodable, Sendable {
        public var amount: String?
        public var receivedOn: String?
        public var reference: String?
        public var acceptsMismatch: String?

        public init(amount: String?, receivedOn: String?, reference: String?, acceptsMismatch: String? = nil) {
            self.amount = amount
            self.receivedOn = receivedOn
            self.reference = reference
            self.acceptsMismatch = acceptsMismatch
        }
    }

    public enum TransferOutcome: Sendable, Equatable {
        /// Paid in full; `excess` is what the CSE sent beyond the total (zero when exact).
        case paid(excess: Money)
        /// Recorded; `remaining` is still awaited.
        case partial(remaining: Money)
        /// The dotation no longer awaits a transfer (paid meanwhile, or cancelled): nothing recorded.
        case notAwaiting
    }

    /// One transfer recorded, as the pages show it.
    public struct Transfer: Sendable, Equatable {
        public let amount: Money
        /// ISO date: the day the bank credited it.
        public let receivedOn: String
        public let statementReference: String
        public let referenceMatches: Bool
        public let recordedBy: String
    }

    /// What the confirmation page shows: the total, what was received so far and what is left.
    public struct TransferState: Sendable {
        public let dotation: DotationRecord
        public let transfers: [Transfer]
        public let received: Money
        public let remaining: Money
        /// What the statement should carry (« RF.. »), from the invoice number.
        public let expectedReference: String
    }

    /// What the CSE has transferred for its dotation so far (its manager or the operator).
    public func received(actor: AccountActor, id: UUID) async throws -> Money? {
        guard try await find(actor: actor, id: id) != nil else { return nil }
        return Money(cents: try await database.tables.dotationTransfers.all(of: id).reduce(0) { $0 + $1.amount.cents })
    }

    public func transferState(actor: AccountActor, id: UUID) async throws -> TransferState? {
        guard actor.role == .operator, let dotation = try await find(actor: actor, id: id) else { return nil }
        let transfers = try await database.tables.dotationTransfers.all(of: id).map {
            Transfer(amount: $0.amount, receivedOn: $0.receivedOn, statementReference: $0.statementReference,
                     referenceMatches: $0.referenceMatches, recordedBy: $0.recordedBy)
        }
        let received = transfers.reduce(0) { $0 + $1.amount.cents }
        return TransferState(dotation: dotation, transfers: transfers, received: Money(cents: received),
                             remaining: Money(cents: max(0, dotation.totalCents - received)),
                             expectedReference: Self.expectedReference(dotation))
    }

    /// Records one transfer. Throws `FormErrors` (nothing recorded) for a wrong amount or date, or
    /// a reference that does not match without `acceptsMismatch`. - Returns: nil when no such
    /// dotation for this operator.
    public func recordTransfer(actor: AccountActor, id: UUID, form: TransferForm) async throws -> TransferOutcome? {
        guard actor.role == .operator, let found = try await find(actor: actor, id: id) else { return nil }
        let row = try checked(form, for: found, by: actor)
        return try await database.transaction { tables in
            try await tables.dotationTransfers.lock(id)
            guard let dotation = try await tables.dotations.headerAcrossTenants(id), dotation.status == .awaitingPayment else {
                return .notAwaiting
            }
            let before = try await tables.dotationTransfers.all(of: id).reduce(0) { $0 + $1.amount.cents }
            try await tables.dotationTransfers.add(dotationID: id, tenantID: dotation.tenantID, row: row, at: now())
            let received = before + row.amount.cents
            let line = "Virement de \(row.amount.french) reçu le \(CalendarDate(iso: row.receivedOn)?.french ?? row.receivedOn)"
                + (row.referenceMatches ? "" : " (référence « \(row.statementReference) » non reconnue)")
            guard received >= dotation.totalCents else {
                let remaining = Money(cents: dotation.totalCents - received)
                try await AuditLog.record(.dotationTransferReceived, by: actor, target: dotation.reference, tenantID: dotation.tenantID,
                                          details: "\(line) ; reste \(remaining.french)", in: tables)
                return .partial(remaining: remaining)
            }
            let excess = Money(cents: received - dotation.totalCents)
            let details = "\(line) ; total reçu \(Money(cents: received).french)" + (excess.isZero ? "" : " ; trop-perçu \(excess.french)")
            guard try await markPaid(dotation, by: actor, details: details, in: tables) else { return .notAwaiting }
            return .paid(excess: excess)
        }
    }

    /// The RF reference of the dotation's invoice, grouped, or its own reference when none.
    static func expectedReference(_ dotation: DotationRecord) -> String {
        DotationInvoices.transferReference(invoiceNumber: dotation.invoiceNumber)?.grouped ?? dotation.reference
    }

    private func checked(_ form: TransferForm, for dotation: DotationRecord, by actor: AccountActor) throws(FormErrors) -> DotationTransferTable.Row {
        var errors = FormErrors()
        let cents = AdminFields.cents(FieldRules.clean(form.amount))
        if cents == nil || cents == 0 { errors.add("amount", DotationMessages.transferAmountInvalid) }
        let today = FrenchCalendar.today(now())
        let created = FrenchCalendar.today(dotation.createdAt ?? now())
        let day = CalendarDate(iso: FieldRules.clean(form.receivedOn))
        if let day, day > today { errors.add("receivedOn", DotationMessages.transferInFuture) }
        else if let day, day < created { errors.add("receivedOn", DotationMessages.transferBeforeInvoice(created.french)) }
        else if day == nil { errors.add("receivedOn", DotationMessages.transferDateInvalid) }
        let reference = String(FieldRules.clean(form.reference).prefix(140))
        let matches = Self.matches(reference, dotation)
        if !matches && form.acceptsMismatch != "oui" {
            errors.add("reference", DotationMessages.transferReferenceMismatch(Self.expectedReference(dotation), dotation.reference))
        }
        guard errors.isEmpty, let cents, let day else { throw errors }
        return DotationTransferTable.Row(amount: Money(cents: cents), receivedOn: day.iso, statementReference: reference,
                                         referenceMatches: matches, recordedBy: actor.email)
    }

    /// Whether a statement's text names this dotation: its RF reference, its invoice number or
    /// its own reference, in any case and spacing (banks add their own words around it).
    static func matches(_ statement: String, _ dotation: DotationRecord) -> Bool {
        func compact(_ text: String) -> String { String(text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }) }
        let text = compact(statement)
        guard !text.isEmpty else { return false }
        let names = [DotationInvoices.transferReference(invoiceNumber: dotation.invoiceNumber)?.electronic,
                     OrderHistory.invoiceReference(dotation.invoiceNumber), dotation.reference].compactMap { $0 }.map(compact)
        return names.contains { text.contains($0) }
    }
}
