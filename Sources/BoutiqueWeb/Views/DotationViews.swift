import BoutiqueCore
import BoutiqueShop
import Foundation

/// A dotation in a list.
struct DotationRow {
    let link, reference, cse, event, date, employees, total, status: String

    init(_ dotation: DotationRecord, base: String) {
        link = "\(base)/\(dotation.id.uuidString)"
        reference = dotation.reference
        cse = dotation.cseName ?? ""
        event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
        date = CalendarDate(iso: dotation.eventDate)?.french ?? dotation.eventDate
        employees = ""
        total = Money(cents: dotation.totalCents).french
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
    let canCancel, canMarkPaid, isOperatorPage: Bool
    /// What the CSE has transferred so far, when anything (« 40,00 € »).
    var received: String?
    /// The credit note that cancelled the invoice (« FAC-000031 »), when cancelled.
    var creditNoteNumber: String?

    /// With the credit note that cancelled its invoice, when there is one.
    func creditNote(_ reference: String?) -> DotationDetailView {
        var view = self
        view.creditNoteNumber = reference
        return view
    }

    /// With what the CSE has transferred for it, when anything.
    func receiving(_ money: Money?) -> DotationDetailView {
        var view = self
        view.received = money.flatMap { $0.isZero ? nil : $0.french }
        return view
    }

    init(_ dotation: DotationRecord, base: String, notice: String?, canMarkPaid: Bool, csrf: String) {
        reference = dotation.reference
        cse = dotation.cseName ?? ""
        event = "\(UrssafEvent(rawValue: dotation.event)?.label ?? dotation.event) \(dotation.eventYear)"
        date = CalendarDate(iso: dotation.eventDate)?.french ?? dotation.eventDate
        activation = dotation.activationDate.flatMap { CalendarDate(iso: $0)?.french } ?? "dès réception du paiement"
        total = Money(cents: dotation.totalCents).french
        status = dotation.status.label
        invoiceNumber = OrderHistory.invoiceReference(dotation.invoiceNumber)
        createdBy = dotation.createdBy
        self.base = base
        id = dotation.id.uuidString
        self.csrf = csrf
        self.notice = notice
        lines = dotation.lines.map {
            Line(name: $0.name, email: $0.email, amount: Money(cents: $0.amountCents).french)
        }
        count = dotation.lines.count
        canCancel = dotation.status == .awaitingPayment
        self.canMarkPaid = canMarkPaid && dotation.status == .awaitingPayment
        isOperatorPage = canMarkPaid
    }
}

/// How the pages explain the URSSAF ceiling of a year: its amount, the PMSS it is 5 % of, and
/// whether that PMSS is the year's own or the latest known one standing in.
struct CeilingView {
    let year, ceiling, pmss, pmssYear: String
    let isFallback: Bool

    init(_ basis: UrssafCeiling.Basis) {
        year = String(basis.year)
        ceiling = basis.ceiling.french
        pmss = basis.pmss.french
        pmssYear = String(basis.pmssYear)
        isFallback = !basis.isConfigured
    }
}

struct DotationFormView {
    struct Employee { let id, name, email: String; let checked: Bool }

    let events: [SelectOption]
    let employees: [Employee]
    let hasEmployees: Bool
    let whoAll, whoSelected, whoCSV: Bool
    /// The ceiling of the typed event's year, or of the current year before one is typed.
    let ceiling: CeilingView

    init(form: DotationForm, employees: [Employee], ceiling: UrssafCeiling.Basis) {
        events = UrssafEvent.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.event) }
        self.employees = employees
        hasEmployees = !employees.isEmpty
        whoAll = form.who == "all"
        whoCSV = form.who == "csv"
        whoSelected = !whoAll && !whoCSV
        self.ceiling = CeilingView(ceiling)
    }
}

struct DotationPreviewView {
    struct Line {
        let name, email, amount, alreadyGiven, yearGiven, totalForEvent, totalForYear, value: String
        let exceeds, exceedsYear, isWarned: Bool
    }

    let event, eventValue, date, dateValue, activation, activationValue, total, csrf: String
    let ceiling: CeilingView
    let error: String?
    let lines: [Line]
    let count, exceedingCount, exceedingYearCount, warnedCount: Int
    let hasExceeding, hasExceedingYear, hasWarnings: Bool

    init(_ preview: DotationPreview, error: String?, csrf: String) {
        let draft = preview.draft
        event = draft.cardEvent
        eventValue = draft.event.rawValue
        date = draft.eventDate.french
        dateValue = draft.eventDate.iso
        activation = draft.activationDate?.french ?? "dès réception du paiement"
        activationValue = draft.activationDate?.iso ?? ""
        ceiling = CeilingView(preview.basis)
        total = preview.total.french
        self.csrf = csrf
        self.error = error
        lines = preview.lines.map {
            Line(name: $0.name, email: $0.email, amount: $0.amount.french, alreadyGiven: $0.alreadyGiven.french, yearGiven: $0.yearGiven.french,
                 totalForEvent: $0.totalForEvent.french, totalForYear: $0.totalForYear.french, value: "\($0.userID.uuidString):\($0.amount.cents)",
                 exceeds: $0.exceedsCeiling, exceedsYear: $0.exceedsYearlyTolerance, isWarned: $0.isWarned)
        }
        count = preview.lines.count
        exceedingCount = preview.exceedingCount
        exceedingYearCount = preview.exceedingYearCount
        warnedCount = preview.warnedCount
        hasExceeding = preview.exceedingCount > 0
        hasExceedingYear = preview.exceedingYearCount > 0
        hasWarnings = preview.warnedCount > 0
    }
}
