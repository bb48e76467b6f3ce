import BoutiqueCore
import FluentKit
import Foundation

/// `contact_messages`: the « Contactez-nous » messages, kept as sent. A logged-in sender's
/// message belongs to their CSE; a visitor's to none.
public struct ContactMessageTable: Sendable {
    let db: any Database

    /// Keeps a message; `scope`: the sender's CSE, nil for a visitor or the operator.
    public func add(userID: UUID?, in scope: TenantScope?, email: String, subject: String, message: String,
                    orderReference: String?) async throws {
        try await ContactMessage(userID: userID, tenantID: scope?.tenantID, email: email, subject: subject, message: message,
                                 orderReference: orderReference).create(on: db)
    }
}

extension Tables {
    public var contactMessages: ContactMessageTable { ContactMessageTable(db: db) }
}
