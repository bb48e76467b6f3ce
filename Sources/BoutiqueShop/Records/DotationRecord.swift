import BoutiqueCore
import BoutiqueStore
import Foundation

/// A dotation as the consoles show it; `lines` when the use case read them.
public struct DotationRecord: Sendable {
    /// One employee's card of the dotation.
    public struct Line: Sendable {
        public let position: Int
        public let name: String
        public let email: String
        public let amountCents: Int
    }

    public let id: UUID
    /// `DOT-000001`.
    public let reference: String
    public let tenantID: UUID
    /// The CSE's name, when read.
    public let cseName: String?
    /// An `UrssafEvent` raw value.
    public let event: String
    public let eventYear: Int
    /// `YYYY-MM-DD`.
    public let eventDate: String
    public let activationDate: String?
    public let status: DotationStatus
    public let invoiceNumber: Int
    public let totalCents: Int
    public let createdBy: String
    public let createdAt: Date?
    /// Sorted by position.
    public let lines: [Line]

    public init(_ dotation: Dotation) throws {
        id = try dotation.requireID()
        reference = dotation.reference
        tenantID = dotation.$tenant.id
        cseName = dotation.$tenant.value?.name
        event = dotation.event
        eventYear = dotation.eventYear
        eventDate = dotation.eventDate
        activationDate = dotation.activationDate
        status = dotation.status
        invoiceNumber = dotation.invoiceNumber
        totalCents = dotation.totalCents
        createdBy = dotation.createdBy
        createdAt = dotation.createdAt
        lines = (dotation.$lines.value ?? []).sorted { $0.position < $1.position }.map {
            Line(position: $0.position, name: $0.$user.value?.displayName ?? "", email: $0.$user.value?.email ?? "", amountCents: $0.amountCents)
        }
    }
}
