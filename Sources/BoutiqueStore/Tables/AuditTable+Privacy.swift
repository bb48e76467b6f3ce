import BoutiqueCore
import FluentKit
import Foundation

extension AuditTable {
    /// The entries about a person: what they did (their id, or their address as the actor) and
    /// what was done to their account (their address as the target), oldest first.
    public func about(userID: UUID, email: String) async throws -> [AuditRecord] {
        try await related(userID: userID, email: email).sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
            .map(AuditRecord.init)
    }

    /// Replaces the person's address (and their name in the details) by `pseudonym` in every entry
    /// about them: the log keeps what happened, when and from where, not who.
    public func anonymise(userID: UUID, email: String, names: [String], pseudonym: String) async throws {
        for entry in try await related(userID: userID, email: email) {
            entry.actorEmail = entry.actorEmail.caseInsensitiveCompare(email) == .orderedSame ? pseudonym : entry.actorEmail
            entry.target = Self.replacing([email] + names, in: entry.target, with: pseudonym)
            entry.details = Self.replacing([email] + names, in: entry.details, with: pseudonym)
            try await entry.save(on: db)
        }
    }

    private func related(userID: UUID, email: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: db).group(.or) { group in
            group.filter(\.$actorID == userID).filter(\.$actorEmail == email).filter(\.$target == email).filter(\.$details ~~ email)
        }.all()
    }

    /// Longest first, so « Marie Dupont » goes before « Marie ».
    static func replacing(_ needles: [String], in text: String, with pseudonym: String) -> String {
        needles.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.reduce(text) { result, needle in
            result.replacingOccurrences(of: needle, with: pseudonym, options: .caseInsensitive)
        }
    }
}
