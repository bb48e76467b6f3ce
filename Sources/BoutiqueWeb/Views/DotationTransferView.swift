import BoutiqueCore
import BoutiqueShop
import Foundation

/// « Virement reçu » for one dotation: what was invoiced, the transfers recorded so far, what is
/// left, the reference the statement should carry, and the form that records the next transfer.
struct DotationTransferView {
    struct Transfer { let amount, receivedOn, reference, recordedBy: String; let matches: Bool }

    let reference, cse, total, received, remaining, expectedReference, invoiceNumber, activation, id, csrf: String
    let count: Int
    let transfers: [Transfer]
    let hasTransfers, askMismatch: Bool
    let values: [String: String]
    let errors: [String: String]

    init(_ state: Dotations.TransferState, values: [String: String]?, errors: [String: String] = [:], now: Date, csrf: String) {
        let dotation = state.dotation
        reference = dotation.reference
        cse = dotation.cseName ?? ""
        total = Money(cents: dotation.totalCents).french
        received = state.received.french
        remaining = state.remaining.french
        expectedReference = state.expectedReference
        invoiceNumber = OrderHistory.invoiceReference(dotation.invoiceNumber)
        activation = dotation.activationDate.flatMap { CalendarDate(iso: $0)?.french }.map { "le \($0)" } ?? "dès l'enregistrement"
        id = dotation.id.uuidString
        self.csrf = csrf
        count = dotation.lines.count
        transfers = state.transfers.map {
            Transfer(amount: $0.amount.french, receivedOn: CalendarDate(iso: $0.receivedOn)?.french ?? $0.receivedOn,
                     reference: $0.statementReference, recordedBy: $0.recordedBy, matches: $0.referenceMatches)
        }
        hasTransfers = !transfers.isEmpty
        self.errors = errors
        askMismatch = errors["reference"] != nil
        self.values = values ?? ["amount": FieldText.euros(state.remaining.cents), "receivedOn": FrenchCalendar.today(now).iso,
                                 "reference": ""]
    }
}
