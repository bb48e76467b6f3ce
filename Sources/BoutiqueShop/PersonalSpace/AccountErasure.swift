import BoutiqueCore
import BoutiqueStore
import Foundation

/// Erases a person from every table, in the caller's transaction: what names or reaches them is
/// deleted (sessions, links, cart, sendings, kept e-mails, contact messages, throttles, queued
/// e-mails, the CSE's expected-employee row) or anonymised (the account's row, the audit log's
/// entries about them). Kept: their invoiced orders, which now carry the buyer their invoices
/// name (legal retention), and their cards with their ledger (money), which point to the
/// anonymised row only.
struct AccountErasure: Sendable {
    /// What becomes of the account's row.
    enum Row: Sendable {
        /// Kept, naming nobody, with this status (a closed or refused account).
        case anonymise(UserStatus)
        /// Deleted when still unverified (nothing points to such an account).
        case deleteUnverified
    }

    let user: UserRecord
    let row: Row

    /// - Returns: false when the row was to be deleted but is no longer unverified (nothing then
    ///   counts: the caller rolls back).
    @discardableResult
    func run(in tables: Tables) async throws -> Bool {
        let pseudonym = UserTable.anonymisedEmail(of: user.id)
        let addresses = [user.email] + (user.pendingEmail.map { [$0] } ?? [])
        let fullName = "\(user.firstName) \(user.lastName)"
        try await tables.orders.keepInvoiceBuyer(name: user.displayName, email: user.email, of: user.id)
        try await SessionStore.destroyAll(userID: user.id, in: tables)
        try await tables.accountTokens.deleteAll(of: user.id)
        try await tables.carts.clear(of: user.id)
        try await tables.cardSendings.deleteAll(by: user.id)
        for address in addresses {
            try await tables.mailbox.delete(mentioning: address, fullName: fullName)
            try await tables.contactMessages.deleteAll(by: user.id, email: address)
            try await tables.throttleKeys.forget(email: address, userID: user.id)
            try await JobQueue.forget(mentioning: address, fullName: fullName, in: tables)
            if let tenantID = user.tenantID { try await tables.expectedEmployees.forget(email: address, in: TenantScope(memberOf: tenantID)) }
        }
        try await tables.audit.anonymise(userID: user.id, email: user.email, names: [user.displayName, fullName], pseudonym: pseudonym)
        switch row {
        case .anonymise(let status): return try await tables.users.anonymise(user.id, status: status)
        case .deleteUnverified: return try await tables.users.deleteUnverified(user.id)
        }
    }
}
