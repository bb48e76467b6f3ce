import BoutiqueCore
import BoutiqueStore
import Foundation

/// A CSE's dotations: preview against the URSSAF ceiling, confirmation (reference and invoice
/// number from gap-free counters), payment recorded by the operator, cancellation. The cards are
/// issued by `DotationIssuance` once paid.
public struct Dotations: Sendable {
    public static let maxEmployees = 10_000
    public static let paidKind = ShopJobKind.issueDotationCards.rawValue

    let database: BoutiqueDatabase
    let ceiling: UrssafCeiling
    let now: @Sendable () -> Date

    public init(database: BoutiqueDatabase, ceiling: UrssafCeiling = .standard, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.ceiling = ceiling
        self.now = now
    }

    public struct Paid: Codable, Sendable {
        public let dotationID: UUID
    }

    // MARK: Preview and confirmation

    /// Checks the draft and computes, for each employee, the running totals against the ceiling.
    public func preview(actor: AccountActor, draft: DotationDraft) async throws -> DotationPreview {
        try await preview(in: try scope(actor), draft: draft, tables: database.tables)
    }

    /// The ceiling of `year` and the PMSS it rests on, for the pages that explain it.
    public func ceilingBasis(year: Int) -> UrssafCeiling.Basis { ceiling.basis(year: year) }

    /// Confirms the dotation: everything is checked again in the transaction (another dotation may
    /// have been confirmed since the preview); passing the event's ceiling or the yearly tolerance
    /// needs `acceptsOverCeiling`.
    public func create(actor: AccountActor, draft: DotationDraft, acceptsOverCeiling: Bool, createdBy: String) async throws -> DotationRecord {
        let scope = try scope(actor)
        return try await database.transaction { tables in
            let preview = try await preview(in: scope, draft: draft, tables: tables)
            if preview.warnedCount > 0 && !acceptsOverCeiling { throw FormErrors("ceiling", DotationMessages.ceilingNotConfirmed) }
            let numbers = try await tables.dotations.takeNumbers()
            let buyer = try await tables.tenants.find(scope).map(InvoiceParties.cse)
            let dotation = try await tables.dotations.create(
                DotationTable.NewDotation(reference: Self.reference(numbers.dotation), invoiceNumber: numbers.invoice,
                                          event: draft.event.rawValue, eventYear: draft.eventDate.year, eventDate: draft.eventDate.iso,
                                          activationDate: draft.activationDate?.iso, totalCents: draft.total.cents, createdBy: createdBy,
                                          lines: draft.lines.map { ($0.userID, $0.amount.cents) }, invoiceBuyer: buyer),
                in: scope)
            try await AuditLog.record(.dotationConfirmed, by: actor, target: dotation.reference, tenantID: scope.tenantID,
                                      details: "\(draft.lines.count) salarié(s), \(draft.total.french)", in: tables)
            return dotation
        }
    }

    /// `DOT-000001`.
    public static func reference(_ number: Int) -> String {
        let digits = String(number)
        return "DOT-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: Reading

    /// The dotations of the actor's CSE (all of them for the operator), newest first.
    public func list(actor: AccountActor) async throws -> [DotationRecord] {
        if actor.role == .operator { return try await database.tables.dotations.latest(acrossTenants: 500) }
        return try await database.tables.dotations.latest(500, in: try scope(actor))
    }

    /// One dotation with its lines and their employees, if the actor may see it.
    public func find(actor: AccountActor, id: UUID) async throws -> DotationRecord? {
        try await detail(actor: actor, id: id)?.record
    }

    /// The dotation with its CSE, payment day and cards, if the actor may see it: the operator
    /// any, a manager their CSE's.
    func detail(actor: AccountActor, id: UUID) async throws -> DotationTable.Detail? {
        switch actor.role {
        case .operator: return try await database.tables.dotations.findAcrossTenants(id)
        case .manager:
            guard let scope = actor.scope else { return nil }
            return try await database.tables.dotations.find(id, in: scope)
        case .employee: return nil
        }
    }

    // MARK: Payment (operator)

    /// Marks the dotation paid in the caller's transaction and schedules its cards: at once, or
    /// on the activation day. `details` go to the audit entry (the transfers that paid it).
    /// - Returns: false when it was not awaiting payment.
    func markPaid(_ dotation: DotationRecord, by actor: AccountActor, details: String, in tables: Tables) async throws -> Bool {
        guard let scope = actor.scope(for: dotation.tenantID),
              try await tables.dotations.markPaid(dotation.id, at: now(), in: scope) else { return false }
        try await AuditLog.record(.dotationPaid, by: actor, target: dotation.reference, tenantID: dotation.tenantID, details: details, in: tables)
        let runAt = dotation.activationDate.flatMap(CalendarDate.init(iso:)).map { EpochMilliseconds.from(FrenchCalendar.start(of: $0)) }
        let payload = String(decoding: try JSONEncoder().encode(Paid(dotationID: dotation.id)), as: UTF8.self)
        try await JobQueue.enqueue(NewJob(kind: Self.paidKind, payload: payload, runAt: runAt, uniqueKey: "dotation.paid:\(dotation.id)"),
                                   in: tables, now: now())
        return true
    }

    // MARK: Private

    private func scope(_ actor: AccountActor) throws -> TenantScope {
        guard actor.role == .manager, let scope = actor.scope else { throw FormErrors("event", "Réservé au gestionnaire du CSE.") }
        return scope
    }

    private func preview(in scope: TenantScope, draft: DotationDraft, tables: Tables) async throws -> DotationPreview {
        try check(draft)
        let ids = draft.lines.map(\.userID)
        var users: [UUID: UserRecord] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for user in try await tables.users.activeEmployees(chunk, in: scope) {
                users[user.id] = user
            }
        }
        guard users.count == Set(ids).count else { throw FormErrors("employees", DotationMessages.unknownEmployee) }
        let given = try await DotationTotals.given(year: draft.eventDate.year, in: scope, tables: tables)
        let year = draft.eventDate.year
        let lines = draft.lines.compactMap { line -> DotationPreview.Line? in
            guard let user = users[line.userID] else { return nil }
            let before = Money(cents: given.forEvent[DotationTotals.Key(userID: line.userID, event: draft.event.rawValue)] ?? 0)
            let yearBefore = Money(cents: given.forYear[line.userID] ?? 0)
            return DotationPreview.Line(userID: line.userID, name: user.displayName, email: user.email, amount: line.amount,
                                        alreadyGiven: before, yearGiven: yearBefore,
                                        exceedsCeiling: ceiling.exceeds(alreadyGiven: before, adding: line.amount, year: year),
                                        exceedsYearlyTolerance: ceiling.exceeds(alreadyGiven: yearBefore, adding: line.amount, year: year))
        }
        return DotationPreview(draft: draft, lines: lines, basis: ceiling.basis(year: year))
    }

    private func check(_ draft: DotationDraft) throws(FormErrors) {
        guard !draft.lines.isEmpty else { throw FormErrors("employees", DotationMessages.noEmployee) }
        guard draft.lines.count <= Self.maxEmployees else { throw FormErrors("employees", DotationMessages.tooManyEmployees) }
        guard Set(draft.lines.map(\.userID)).count == draft.lines.count else { throw FormErrors("employees", DotationMessages.duplicateEmployee) }
        let max = Money(cents: CardIssuer.maxFaceValueCents)
        guard draft.lines.allSatisfy({ (100...max.cents).contains($0.amount.cents) }) else {
            throw FormErrors("amount", DotationMessages.amount(max))
        }
        if let activation = draft.activationDate, activation < FrenchCalendar.today(now()) {
            throw FormErrors("activation", DotationMessages.activationDate)
        }
    }
}
