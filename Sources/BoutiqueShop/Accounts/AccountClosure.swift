import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// « Fermer mon compte » (RGPD art. 17): after re-authentication, the account's personal data is
/// erased or anonymised everywhere (`AccountErasure`) in one transaction with its audit entry and
/// the farewell e-mail. Refused while the person's cards hold a balance they did not give away,
/// unless they tick the box stating the amount they give up. The operator closes an employee's
/// account the same way on the person's request.
public struct AccountClosure: Sendable {
    let database: BoutiqueDatabase
    let reauthentication: Reauthentication
    let composer: MailComposer
    let contactURL: String
    let now: @Sendable () -> Date

    /// Invoices are kept ten years (Code de commerce, L123-22), closed account or not.
    public static let invoiceRetentionYears = 10

    public init(database: BoutiqueDatabase, accounts: Accounts, secondFactor: SecondFactor, composer: MailComposer, publicURL: String,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.reauthentication = Reauthentication(accounts: accounts, secondFactor: secondFactor)
        self.composer = composer
        self.contactURL = "\(publicURL)/contact"
        self.now = now
    }

    /// What the page shows before the person confirms.
    public struct Preview: Sendable, Equatable {
        /// The balance of the cards still theirs (active, not sent to anyone): lost with the account.
        public let balanceAtRisk: Money
        public let cardsAtRisk: Int
        public let asksForCode: Bool
    }

    /// What the person ticked: the amount shown to them, which must still be the balance at risk.
    public struct Confirmation: Sendable {
        public let acceptsLoss: Bool
        public let lossCents: Int?

        public init(acceptsLoss: Bool, lossCents: Int?) {
            self.acceptsLoss = acceptsLoss
            self.lossCents = lossCents
        }
    }

    public func preview(actor: AccountActor) async throws -> Preview? {
        guard actor.role == .employee, let user = try await database.tables.users.credentials(of: actor.id)?.user else { return nil }
        return try await preview(of: user)
    }

    /// The person's own closure. Throws `FormErrors`: wrong password or code, or a balance at risk
    /// without (or with another amount than) the confirmation.
    public func close(actor: AccountActor, password: String?, code: String?, confirmation: Confirmation) async throws {
        let user = try await reauthentication.check(actor: actor, password: password, code: code)
        guard user.role == .employee else { throw FormErrors("form", PrivacyMessages.notClosable) }
        let lost = try await checkLoss(of: user, confirmation: confirmation)
        let pseudonym = UserTable.anonymisedEmail(of: user.id)
        // The entry must not carry the address it erases: the person acts under the pseudonym.
        let logged = AccountActor(id: actor.id, role: actor.role, tenantID: actor.tenantID, email: pseudonym, address: actor.address)
        try await erase(user, by: logged, lost: lost, byOperator: false)
    }

    /// The operator's closure of an employee's account, on the person's request (`reason`: how it
    /// was asked, kept in the audit entry). - Returns: false when no such employee.
    public func close(by actor: AccountActor, employeeID: UUID, confirmation: Confirmation, reason: String?) async throws -> Bool {
        guard actor.role == .operator, let user = try await database.tables.users.find(acrossTenants: employeeID),
              user.role == .employee, !user.email.hasSuffix("@anonyme.invalid") else { return false }
        let lost = try await checkLoss(of: user, confirmation: confirmation)
        try await erase(user, by: actor, lost: lost, byOperator: true, reason: reason)
        return true
    }

    func preview(of user: UserRecord) async throws -> Preview {
        guard let scope = user.tenantID.map(TenantScope.init(memberOf:)) else {
            return Preview(balanceAtRisk: .zero, cardsAtRisk: 0, asksForCode: user.hasSecondFactor)
        }
        let sent = try await database.tables.cardSendings.sentCards(by: user.id)
        let time = EpochMilliseconds.from(now())
        let atRisk = try await database.tables.ownedCards.cards(of: user.id, in: scope)
            .filter { $0.effectiveStatus(at: time) == .active && $0.balanceCents > 0 && !sent.contains($0.id) }
        return Preview(balanceAtRisk: Money(cents: Int(atRisk.reduce(0) { $0 + $1.balanceCents })), cardsAtRisk: atRisk.count,
                       asksForCode: user.hasSecondFactor)
    }

    /// The balance given up; throws unless it is zero or the confirmation states exactly it.
    private func checkLoss(of user: UserRecord, confirmation: Confirmation) async throws -> Money {
        let atRisk = try await preview(of: user).balanceAtRisk
        guard !atRisk.isZero else { return atRisk }
        guard confirmation.acceptsLoss else { throw FormErrors("acceptsLoss", PrivacyMessages.balanceAtRisk(atRisk.french)) }
        guard confirmation.lossCents == atRisk.cents else { throw FormErrors("acceptsLoss", PrivacyMessages.balanceChanged) }
        return atRisk
    }

    private func erase(_ user: UserRecord, by actor: AccountActor, lost: Money, byOperator: Bool, reason: String? = nil) async throws {
        let farewell = try composer.compose(
            "account-closed", to: MailAddress(user.email, name: "\(user.firstName) \(user.lastName)"), subject: "Votre compte a été fermé",
            data: ["date": FrenchCalendar.today(now()).french, "lost": lost.isZero ? "" : lost.french, "contact": contactURL,
                   "byOperator": byOperator ? "oui" : ""])
        let pseudonym = UserTable.anonymisedEmail(of: user.id)
        var details = lost.isZero ? "Aucun solde abandonné" : "Solde abandonné : \(lost.french)"
        if let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty {
            // The operator may have typed the person's name or address: the entry keeps neither.
            let named = [user.email, user.firstName, user.lastName, user.phone].filter { $0.count > 1 }
            let cleaned = named.reduce(String(reason.prefix(200))) { $0.replacingOccurrences(of: $1, with: "…", options: .caseInsensitive) }
            details += " — demande : \(cleaned)"
        }
        let entry = details
        try await database.transaction { tables in
            try await AccountErasure(user: user, row: .anonymise(.closed)).run(in: tables)
            try await AuditLog.record(.accountClosed, by: actor, target: pseudonym, tenantID: user.tenantID, details: entry, in: tables)
            try await AccountFarewell.enqueue(farewell, in: tables)
        }
    }
}
