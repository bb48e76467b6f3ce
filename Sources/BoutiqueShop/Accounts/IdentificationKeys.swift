import BoutiqueCore
import BoutiqueStore
import Foundation

/// A CSE's identification keys, managed by its managers: create (code typed or drawn), revoke.
public struct IdentificationKeys: Sendable {
    public struct Form: Codable, Sendable {
        public var code: String?
        public var label: String?
        public var autoApprove: String?
    }

    let database: BoutiqueDatabase

    public init(database: BoutiqueDatabase) { self.database = database }

    public func list(actor: AccountActor) async throws -> [IdentificationKeyRecord] {
        guard actor.role == .manager, let scope = actor.scope else { return [] }
        return try await database.tables.identificationKeys.all(in: scope)
    }

    /// Whether the manager's CSE lets a key's « validation automatique » approve accounts (its
    /// « Validation des comptes » setting, chosen by the operator).
    public func keysMayApprove(actor: AccountActor) async throws -> Bool {
        guard actor.role == .manager, let scope = actor.scope else { return false }
        return try await database.tables.tenants.find(scope)?.settings.autoApproveWithKey ?? false
    }

    /// Creates a key for the manager's CSE; an empty code draws one (12 letters and digits
    /// without look-alikes).
    public func create(actor: AccountActor, form: Form) async throws -> IdentificationKeyRecord {
        guard actor.role == .manager, let scope = actor.scope else { throw FormErrors("form", "Réservé aux gestionnaires d'un CSE.") }
        var code = FieldRules.clean(form.code).uppercased()
        let label = FieldRules.clean(form.label)
        var errors = FormErrors()
        if code.isEmpty { code = Self.draw() }
        if code == "0" || code.count < 4 || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors.add("code", "La clé doit compter de 4 à 40 lettres, chiffres ou tirets (et ne peut pas être 0).")
        }
        errors.check("label", FieldRules.name(label, field: "Libellé", limit: 80))
        if try await database.tables.identificationKeys.codeExists(code, in: scope) {
            errors.add("code", "Cette clé existe déjà pour votre CSE.")
        }
        guard errors.isEmpty else { throw errors }
        let autoApprove = form.autoApprove == "on", newCode = code
        return try await database.transaction { tables in
            let key = try await tables.identificationKeys.create(code: newCode, label: label, autoApprove: autoApprove, in: scope)
            try await AuditLog.record(.keyCreated, by: actor, target: key.code, tenantID: scope.tenantID,
                                      details: key.autoApprove ? "validation automatique" : "", in: tables)
            return key
        }
    }

    /// Revokes a key of the manager's CSE. - Returns: false when no such key (another CSE's key included).
    public func revoke(actor: AccountActor, keyID: UUID) async throws -> Bool {
        guard actor.role == .manager, let scope = actor.scope,
              let key = try await database.tables.identificationKeys.find(keyID, in: scope)
        else { return false }
        if !key.isRevoked {
            try await database.transaction { tables in
                try await tables.identificationKeys.revoke(keyID, at: Date(), in: scope)
                try await AuditLog.record(.keyRevoked, by: actor, target: key.code, tenantID: scope.tenantID, in: tables)
            }
        }
        return true
    }

    static func draw() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8]) + "-" + String(characters[8..<12])
    }
}
