import BoutiqueCore
import BoutiqueStore
import FluentKit
import Foundation

extension Accounts {
    /// The accounts of the manager's CSE waiting for a decision, oldest first.
    public func pendingAccounts(actor: AccountActor) async throws -> [UserRecord] {
        guard actor.role != .employee else { return [] }
        var query = User.query(on: database.db).filter(\.$status == .pending).sort(\.$createdAt)
        if actor.role == .manager {
            guard let tenantID = actor.tenantID else { return [] }
            query = query.filter(\.$tenant.$id == tenantID)
        }
        return try await query.with(\.$tenant).all().map { try UserRecord($0) }
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
        return try await database.db.transaction { db in
            guard let user = try await User.find(userID, on: db), user.status == .pending,
                  actor.manages(tenantID: user.$tenant.id) else { return .notFound }
            user.status = approve ? .active : .rejected
            user.approvedAt = approve ? now() : nil
            user.rejectionReason = approve ? nil : reason
            try await user.save(on: db)
            try await AuditLog.record(approve ? .accountApproved : .accountRejected, by: actor, target: user.email,
                                      tenantID: user.$tenant.id, details: approve ? "" : reason, on: db)
            if approve {
                try await send("account-approved", to: user, subject: "Votre compte est validé",
                               data: ["link": "\(publicURL)/connexion"], on: db)
            } else {
                try await send("account-rejected", to: user, subject: "Votre demande de compte n'a pas été acceptée",
                               data: ["reason": reason], on: db)
            }
            return .done
        }
    }
}
