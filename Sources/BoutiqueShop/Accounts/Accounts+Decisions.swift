import BoutiqueCore
import BoutiqueStore
import Foundation

extension Accounts {
    /// The accounts of the manager's CSE waiting for a decision, oldest first.
    public func pendingAccounts(actor: AccountActor) async throws -> [UserRecord] {
        switch actor.role {
        case .employee: return []
        case .operator: return try await database.tables.users.pendingAcrossTenants()
        case .manager:
            guard let scope = actor.scope else { return [] }
            return try await database.tables.users.pending(in: scope)
        }
    }

    public enum DecisionOutcome: Sendable, Equatable {
        case done
        /// No pending account of the actor's CSE has that id: the page answers 404.
        case notFound
    }

    /// Approves or rejects (with a reason) a pending account of the actor's CSE; the employee
    /// gets an e-mail either way.
    public func decide(actor: AccountActor, userID: UUID, approve: Bool, reason rawReason: String?) async throws -> DecisionOutcome {
        let reason = FieldRules.clean(rawReason)
        if !approve {
            if reason.isEmpty { throw FormErrors("reason", AccountMessages.reasonRequired) }
            if reason.count > 500 { throw FormErrors("reason", AccountMessages.tooLong("Motif", 500)) }
        }
        return try await database.transaction { tables in
            guard let (user, scope) = try await decidable(userID, by: actor, in: tables), user.status == .pending else { return .notFound }
            try await tables.users.setDecision(approve ? .active : .rejected, approvedAt: approve ? now() : nil,
                                               rejectionReason: approve ? nil : reason, of: userID, in: scope)
            try await AuditLog.record(approve ? .accountApproved : .accountRejected, by: actor, target: user.email,
                                      tenantID: user.tenantID, details: approve ? "" : reason, in: tables)
            if approve {
                try await send("account-approved", to: user, subject: "Votre compte est validé",
                               data: ["link": "\(publicURL)/connexion"], in: tables)
            } else {
                try await send("account-rejected", to: user, subject: "Votre demande de compte n'a pas été acceptée",
                               data: ["reason": reason], in: tables)
            }
            return .done
        }
    }

    /// The account `userID` if the actor may decide on it, with its CSE's scope: a manager reads
    /// only their own CSE's, the operator any CSE's.
    private func decidable(_ userID: UUID, by actor: AccountActor, in tables: Tables) async throws -> (UserRecord, TenantScope)? {
        switch actor.role {
        case .employee: return nil
        case .manager:
            guard let scope = actor.scope, let user = try await tables.users.find(userID, in: scope) else { return nil }
            return (user, scope)
        case .operator:
            guard let user = try await tables.users.find(acrossTenants: userID), let scope = actor.scope(for: user.tenantID) else {
                return nil
            }
            return (user, scope)
        }
    }
}
