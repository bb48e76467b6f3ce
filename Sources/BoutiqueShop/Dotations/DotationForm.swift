import BoutiqueCore
import BoutiqueStore
import Foundation

/// The dotation form as posted: the event, its day, the optional activation day, and who gets
/// what — every active employee, the ticked ones, or a CSV `e-mail;montant` — or, from the
/// preview page, the exact lines (`id:cents`) to confirm.
public struct DotationForm: Decodable, Sendable {
    public var event: String?
    public var date: String?
    public var activation: String?
    public var amount: String?
    /// `all`, `selected` or `csv`.
    public var who: String?
    public var employees: [String]?
    public var csv: String?
    public var lines: [String]?
    public var acceptCeiling: String?

    public init(event: String? = nil, date: String? = nil, activation: String? = nil, amount: String? = nil, who: String? = nil,
                employees: [String]? = nil, csv: String? = nil, lines: [String]? = nil, acceptCeiling: String? = nil) {
        self.event = event
        self.date = date
        self.activation = activation
        self.amount = amount
        self.who = who
        self.employees = employees
        self.csv = csv
        self.lines = lines
        self.acceptCeiling = acceptCeiling
    }

    public var acceptsOverCeiling: Bool { acceptCeiling == "on" }
}

extension Dotations {
    /// Turns the form into a draft for the actor's CSE; every mistake is a French message on its field.
    public func draft(actor: AccountActor, form: DotationForm) async throws -> DotationDraft {
        guard let scope = actor.scope, actor.role == .manager else { throw FormErrors("event", "Réservé au gestionnaire du CSE.") }
        var errors = FormErrors()
        let event = UrssafEvent(rawValue: FieldRules.clean(form.event))
        if event == nil { errors.add("event", DotationMessages.event) }
        let date = CalendarDate(iso: FieldRules.clean(form.date))
        if date == nil { errors.add("date", DotationMessages.eventDate) }
        let activationText = FieldRules.clean(form.activation)
        let activation = activationText.isEmpty ? nil : CalendarDate(iso: activationText)
        if !activationText.isEmpty && activation == nil { errors.add("activation", DotationMessages.activationDate) }
        let lines = try await draftLines(in: scope, form: form, errors: &errors)
        guard errors.isEmpty, let event, let date else { throw errors }
        return DotationDraft(event: event, eventDate: date, activationDate: activation, lines: lines)
    }

    private func draftLines(in scope: TenantScope, form: DotationForm, errors: inout FormErrors) async throws -> [DotationDraft.Line] {
        if let confirmed = form.lines, !confirmed.isEmpty { return confirmedLines(confirmed, errors: &errors) }
        let who = FieldRules.clean(form.who)
        if who == "csv" { return try await csvLines(in: scope, text: form.csv ?? "", errors: &errors) }
        let amount = EuroText.parse(FieldRules.clean(form.amount))
        if amount == nil { errors.add("amount", DotationMessages.amount(Money(cents: CardIssuer.maxFaceValueCents))) }
        let ids: [UUID]
        if who == "all" {
            ids = try await database.tables.users.activeEmployees(in: scope, limit: Self.maxEmployees + 1).map(\.id)
        } else {
            ids = (form.employees ?? []).compactMap { UUID(uuidString: $0) }
            if ids.count != (form.employees ?? []).count { errors.add("employees", DotationMessages.unknownEmployee) }
        }
        if ids.isEmpty { errors.add("employees", DotationMessages.noEmployee) }
        return amount.map { amount in ids.map { DotationDraft.Line(userID: $0, amount: amount) } } ?? []
    }

    private func confirmedLines(_ values: [String], errors: inout FormErrors) -> [DotationDraft.Line] {
        let lines = values.compactMap { value -> DotationDraft.Line? in
            let parts = value.split(separator: ":")
            guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let cents = Int(parts[1]) else { return nil }
            return DotationDraft.Line(userID: id, amount: Money(cents: cents))
        }
        if lines.count != values.count { errors.add("employees", DotationMessages.unknownEmployee) }
        return lines
    }

    /// `e-mail;montant` per line (a header line is allowed); each bad line is named in the message.
    private func csvLines(in scope: TenantScope, text: String, errors: inout FormErrors) async throws -> [DotationDraft.Line] {
        guard let records = try? CSVReader.records(text), !records.isEmpty else {
            errors.add("csv", "Collez une ligne « e-mail;montant » par salarié.")
            return []
        }
        let rows = records.filter { !($0.fields.first ?? "").lowercased().contains("mail") || ($0.fields.first ?? "").contains("@") }
        let emails = rows.map { FieldRules.clean($0.fields.first).lowercased() }
        var users: [String: UUID] = [:]
        for start in stride(from: 0, to: emails.count, by: 500) {
            let chunk = Array(emails[start..<min(start + 500, emails.count)])
            for user in try await database.tables.users.activeEmployees(withEmails: chunk, in: scope) {
                users[user.email.lowercased()] = user.id
            }
        }
        var lines: [DotationDraft.Line] = []
        var problems: [String] = []
        for (record, email) in zip(rows, emails) {
            guard record.fields.count >= 2, let amount = EuroText.parse(record.fields[1]) else {
                problems.append("ligne \(record.line) : montant illisible")
                continue
            }
            guard let id = users[email] else {
                problems.append("ligne \(record.line) : « \(email) » n'est pas un salarié actif de votre CSE")
                continue
            }
            lines.append(DotationDraft.Line(userID: id, amount: amount))
        }
        if !problems.isEmpty {
            let shown = problems.prefix(5).joined(separator: " ; ")
            errors.add("csv", problems.count > 5 ? "\(shown) ; et \(problems.count - 5) autres lignes." : "\(shown).")
        }
        return lines
    }
}
