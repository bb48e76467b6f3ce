import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation
import SQLKit

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
        try await preview(tenantID: try tenantID(actor), draft: draft, on: database.db)
    }

    /// The ceiling of `year` and the PMSS it rests on, for the pages that explain it.
    public func ceilingBasis(year: Int) -> UrssafCeiling.Basis { ceiling.basis(year: year) }

    /// Confirms the dotation: everything is checked again in the transaction (another dotation may
    /// have been confirmed since the preview); passing the event's ceiling or the yearly tolerance
    /// needs `acceptsOverCeiling`.
    public func create(actor: AccountActor, draft: DotationDraft, acceptsOverCeiling: Bool, createdBy: String) async throws -> DotationRecord {
        let tenantID = try tenantID(actor)
        return try await database.db.transaction { db in
            let preview = try await preview(tenantID: tenantID, draft: draft, on: db)
            if preview.warnedCount > 0 && !acceptsOverCeiling { throw FormErrors("ceiling", DotationMessages.ceilingNotConfirmed) }
            let sql = try db.requireSQL()
            let number = try await Counters.next(Counters.dotations, on: sql)
            let invoice = try await Counters.next(Counters.invoices, on: sql)
            let dotation = Dotation(tenantID: tenantID, reference: Self.reference(number), event: draft.event.rawValue,
                                    eventYear: draft.eventDate.year, eventDate: draft.eventDate.iso, activationDate: draft.activationDate?.iso,
                                    invoiceNumber: invoice, totalCents: draft.total.cents, createdBy: createdBy)
            try await dotation.create(on: db)
            let id = try dotation.requireID()
            let lines = draft.lines.enumerated().map { DotationLine(dotationID: id, userID: $1.userID, amountCents: $1.amount.cents, position: $0) }
            for start in stride(from: 0, to: lines.count, by: 500) {
                try await lines[start..<min(start + 500, lines.count)].create(on: db)
            }
            try await AuditLog.record(.dotationConfirmed, by: actor, target: dotation.reference, tenantID: tenantID,
                                      details: "\(draft.lines.count) salarié(s), \(draft.total.guide)", on: db)
            return try DotationRecord(dotation)
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
        var query = Dotation.query(on: database.db).with(\.$tenant).sort(\.$createdAt, .descending)
        if actor.role != .operator { query = query.filter(\.$tenant.$id == (try tenantID(actor))) }
        return try await query.limit(500).all().map(DotationRecord.init)
    }

    /// One dotation with its lines and their employees, if the actor may see it.
    public func find(actor: AccountActor, id: UUID) async throws -> DotationRecord? {
        try await findModel(actor: actor, id: id).map(DotationRecord.init)
    }

    func findModel(actor: AccountActor, id: UUID) async throws -> Dotation? {
        guard let dotation = try await Dotation.query(on: database.db).filter(\.$id == id).with(\.$tenant)
            .with(\.$lines, { $0.with(\.$user) }).first(), actor.manages(tenantID: dotation.$tenant.id) else { return nil }
        return dotation
    }

    // MARK: Payment (operator)

    /// Records the CSE's transfer: the cards are issued at once, or on the activation day.
    /// - Returns: false when the dotation was not awaiting payment (nothing changes).
    public func markPaid(actor: AccountActor, id: UUID) async throws -> Bool {
        guard actor.role == .operator else { return false }
        return try await database.db.transaction { db in
            let sql = try db.requireSQL()
            guard let dotation = try await Dotation.find(id, on: db) else { return false }
            let moved = try await sql.raw("""
                UPDATE dotations SET status = \(bind: DotationStatus.paid.rawValue), paid_at = \(bind: now())
                WHERE id = \(bind: id) AND status = \(bind: DotationStatus.awaitingPayment.rawValue) RETURNING id
                """).first() != nil
            guard moved else { return false }
            try await AuditLog.record(.dotationPaid, by: actor, target: dotation.reference, tenantID: dotation.$tenant.id,
                                      details: Money(cents: dotation.totalCents).guide, on: db)
            let runAt = dotation.activationDate.flatMap(CalendarDate.init(iso:)).map { EpochMilliseconds.from(FrenchCalendar.start(of: $0)) }
            let payload = String(decoding: try JSONEncoder().encode(Paid(dotationID: id)), as: UTF8.self)
            try await JobQueue.enqueue(NewJob(kind: Self.paidKind, payload: payload, runAt: runAt, uniqueKey: "dotation.paid:\(id)"), on: sql, now: now())
            return true
        }
    }

    /// Cancels a dotation not yet paid; its amounts no longer count against the ceiling.
    public func cancel(actor: AccountActor, id: UUID) async throws -> Bool {
        guard let dotation = try await find(actor: actor, id: id) else { return false }
        return try await database.db.transaction { db in
            let cancelled = try await db.requireSQL().raw("""
                UPDATE dotations SET status = \(bind: DotationStatus.cancelled.rawValue)
                WHERE id = \(bind: id) AND status = \(bind: DotationStatus.awaitingPayment.rawValue) RETURNING id
                """).first() != nil
            if cancelled {
                try await AuditLog.record(.dotationCancelled, by: actor, target: dotation.reference, tenantID: dotation.tenantID, on: db)
            }
            return cancelled
        }
    }

    // MARK: Private

    private func tenantID(_ actor: AccountActor) throws -> UUID {
        guard actor.role == .manager, let tenantID = actor.tenantID else { throw FormErrors("event", "Réservé au gestionnaire du CSE.") }
        return tenantID
    }

    private func preview(tenantID: UUID, draft: DotationDraft, on db: any Database) async throws -> DotationPreview {
        try check(draft)
        let ids = draft.lines.map(\.userID)
        var users: [UUID: User] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for user in try await User.query(on: db).filter(\.$id ~~ chunk).filter(\.$tenant.$id == tenantID)
                .filter(\.$role == .employee).filter(\.$status == .active).all() {
                users[try user.requireID()] = user
            }
        }
        guard users.count == Set(ids).count else { throw FormErrors("employees", DotationMessages.unknownEmployee) }
        let given = try await DotationTotals.given(tenantID: tenantID, year: draft.eventDate.year, on: db)
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
