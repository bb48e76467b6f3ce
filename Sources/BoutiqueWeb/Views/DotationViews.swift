import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import Foundation

/// A dotation in a list.
struct DotationRow {
    let link, reference, cse, event, date, employees, total, status: String

    init(_ dotation: Dotation, base: String) {
        link = "\(base)/\(dotation.id?.uuidString ?? "")"
        reference = dotation.reference
        cse = dotation.$tenant.value?.name ?? ""
        event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
        date = CalendarDate(iso: dotation.eventDate)?.french ?? dotation.eventDate
        employees = ""
        total = Money(cents: dotation.totalCents).guide
        status = dotation.status.label
    }
}

struct DotationListView {
    let rows: [DotationRow]
    let isEmpty: Bool
    let isManager: Bool
    let csrf: String
}

struct DotationDetailView {
    struct Line { let name, email, amount: String }

    let reference, cse, event, date, activation, total, status, invoiceNumber, createdBy, base, id, csrf: String
    let notice: String?
    let lines: [Line]
    let count: Int
    let canCancel, canMarkPaid, hasInvoice, isOperatorPage: Bool

    init(_ dotation: Dotation, base: String, notice: String?, canMarkPaid: Bool, csrf: String) {
        reference = dotation.reference
        cse = dotation.tenant.name
        event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
        date = CalendarDate(iso: dotation.eventDate)?.french ?? dotation.eventDate
        activation = dotation.activationDate.flatMap { CalendarDate(iso: $0)?.french } ?? "dès réception du paiement"
        total = Money(cents: dotation.totalCents).guide
        status = dotation.status.label
        invoiceNumber = OrderHistory.invoiceReference(dotation.invoiceNumber)
        createdBy = dotation.createdBy
        self.base = base
        id = dotation.id?.uuidString ?? ""
        self.csrf = csrf
        self.notice = notice
        lines = dotation.lines.sorted { $0.position < $1.position }.map {
            Line(name: $0.$user.value?.displayName ?? "", email: $0.$user.value?.email ?? "", amount: Money(cents: $0.amountCents).guide)
        }
        count = dotation.lines.count
        canCancel = dotation.status == .awaitingPayment
        self.canMarkPaid = canMarkPaid && dotation.status == .awaitingPayment
        isOperatorPage = canMarkPaid
        hasInvoice = dotation.status != .cancelled
    }
}

struct DotationFormView {
    struct Employee { let id, name, email: String; let checked: Bool }

    let events: [SelectOption]
    let employees: [Employee]
    let hasEmployees: Bool
    let whoAll, whoSelected, whoCSV: Bool
    let ceiling2026: String

    init(form: DotationForm, employees: [Employee]) {
        events = UrssafEvent.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.event) }
        self.employees = employees
        hasEmployees = !employees.isEmpty
        whoAll = form.who == "all"
        whoCSV = form.who == "csv"
        whoSelected = !whoAll && !whoCSV
        ceiling2026 = UrssafCeiling.standard.ceiling(year: 2026).guide
    }
}

struct DotationPreviewView {
    struct Line { let name, email, amount, alreadyGiven, yearGiven, totalForEvent, value: String; let exceeds: Bool }

    let event, eventValue, date, dateValue, activation, activationValue, ceiling, total, csrf: String
    let error: String?
    let lines: [Line]
    let count, exceedingCount: Int
    let hasExceeding: Bool

    init(_ preview: DotationPreview, error: String?, csrf: String) {
        let draft = preview.draft
        event = draft.cardEvent
        eventValue = draft.event.rawValue
        date = draft.eventDate.french
        dateValue = draft.eventDate.iso
        activation = draft.activationDate?.french ?? "dès réception du paiement"
        activationValue = draft.activationDate?.iso ?? ""
        ceiling = preview.ceiling.guide
        total = preview.total.guide
        self.csrf = csrf
        self.error = error
        lines = preview.lines.map {
            Line(name: $0.name, email: $0.email, amount: $0.amount.guide, alreadyGiven: $0.alreadyGiven.guide, yearGiven: $0.yearGiven.guide,
                 totalForEvent: $0.totalForEvent.guide, value: "\($0.userID.uuidString):\($0.amount.cents)", exceeds: $0.exceedsCeiling)
        }
        count = preview.lines.count
        exceedingCount = preview.exceedingCount
        hasExceeding = preview.exceedingCount > 0
    }
}
