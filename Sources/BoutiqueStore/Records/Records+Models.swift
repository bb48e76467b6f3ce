import BoutiqueCore
import FluentKit
import Foundation

// The rows' plain values, as the gateways return them: use cases and pages never hold a Fluent
// model (its lazy relations and its `save` stay inside this module).

extension TenantRecord {
    public init(_ tenant: Tenant) throws {
        self.init(id: try tenant.requireID(), slug: tenant.slug, name: tenant.name, contactEmail: tenant.contactEmail,
                  openForRegistration: tenant.openForRegistration, isEnabled: tenant.isEnabled, settings: tenant.settings,
                  logoVersion: tenant.logoVersion)
    }
}

extension UserRecord {
    /// `tenant`: the user's CSE when the caller read it; else the one loaded with the user, if any.
    public init(_ user: User, tenant: TenantRecord? = nil) throws {
        var cse = tenant
        if cse == nil, case .some(.some(let loaded)) = user.$tenant.value { cse = try TenantRecord(loaded) }
        self.init(id: try user.requireID(), role: user.role, status: user.status, email: user.email, civility: user.civility,
                  firstName: user.firstName, lastName: user.lastName, phone: user.phone, pendingEmail: user.pendingEmail,
                  rejectionReason: user.rejectionReason, identificationKeyID: user.identificationKeyID, tenantID: user.$tenant.id,
                  tenant: cse, hasSecondFactor: user.totpEnabledAt != nil, createdAt: user.createdAt)
    }
}

extension ProductRecord {
    public init(_ product: Product) throws {
        self.init(id: try product.requireID(), slug: product.slug, name: product.name, retailer: product.retailer,
                  description: product.description, minAmountCents: product.minAmountCents, maxAmountCents: product.maxAmountCents,
                  denominationsCents: product.denominationsCents, maxQuantity: product.maxQuantity,
                  validityMonths: product.validityMonths, usageConditions: product.usageConditions,
                  excludedCategories: product.excludedCategories, defaultDiscountBasisPoints: product.defaultDiscountBasisPoints,
                  isEnabled: product.isEnabled)
    }
}

extension OrderRecord {
    /// Lines, attempts, buyer and CSE are those loaded with the order (`with`), else empty.
    public init(_ order: Order) throws {
        let lines = (order.$lines.value ?? []).sorted { $0.position < $1.position }.map {
            Line(position: $0.position, productName: $0.productName, faceValueCents: $0.faceValueCents, quantity: $0.quantity,
                 discountBasisPoints: $0.discountBasisPoints, priceCents: $0.priceCents)
        }
        let attempts = (order.$attempts.value ?? []).sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }.map {
            Attempt(createdAt: $0.createdAt, provider: $0.provider, reference: $0.reference, amountCents: $0.amountCents,
                    status: $0.status, failureReason: $0.failureReason)
        }
        self.init(id: try order.requireID(), reference: order.reference, tenantID: order.$tenant.id, status: order.status,
                  faceTotalCents: order.faceTotalCents, totalCents: order.totalCents, savingsCents: order.savingsCents,
                  invoiceNumber: order.invoiceNumber, paymentFlag: order.paymentFlag, createdAt: order.createdAt,
                  lines: lines, attempts: attempts, customer: try order.$user.value.map { try UserRecord($0) },
                  cseName: order.$tenant.value?.name, refundedCents: order.refundedCents, refunds: try Self.refunds(of: order),
                  invoiceBuyer: order.invoiceBuyerName.map { BilledParty(name: $0, email: order.invoiceBuyerEmail) })
    }

    /// The refunds loaded with the order (`with(\.$refunds)`), each named by its charge's reference.
    private static func refunds(of order: Order) throws -> [Refund] {
        var references: [UUID: String] = [:]
        for attempt in order.$attempts.value ?? [] { references[try attempt.requireID()] = attempt.reference }
        return (order.$refunds.value ?? []).sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }.map {
            Refund(createdAt: $0.createdAt, attemptReference: references[$0.$attempt.id] ?? "", amountCents: $0.amountCents,
                   reason: PaymentRefundReason(rawValue: $0.reason) ?? .operatorRefund, status: $0.status)
        }
    }
}

extension DotationRecord {
    public init(_ dotation: Dotation) throws {
        let lines = (dotation.$lines.value ?? []).sorted { $0.position < $1.position }.map {
            Line(position: $0.position, name: $0.$user.value?.displayName ?? "", email: $0.$user.value?.email ?? "",
                 amountCents: $0.amountCents)
        }
        self.init(id: try dotation.requireID(), reference: dotation.reference, tenantID: dotation.$tenant.id,
                  cseName: dotation.$tenant.value?.name, event: dotation.event, eventYear: dotation.eventYear,
                  eventDate: dotation.eventDate, activationDate: dotation.activationDate, status: dotation.status,
                  invoiceNumber: dotation.invoiceNumber, totalCents: dotation.totalCents, createdBy: dotation.createdBy,
                  createdAt: dotation.createdAt, lines: lines,
                  invoiceBuyer: dotation.invoiceBuyerJSON.flatMap { try? JSONDecoder().decode(BilledParty.self, from: Data($0.utf8)) })
    }
}

extension AuditRecord {
    public init(_ entry: AuditEntry) {
        self.init(createdAt: entry.createdAt, actorEmail: entry.actorEmail, action: AuditAction.label(of: entry.action),
                  target: entry.target, details: entry.details, address: entry.address)
    }
}

extension IdentificationKeyRecord {
    public init(_ key: IdentificationKey) throws {
        self.init(id: try key.requireID(), code: key.code, label: key.label, autoApprove: key.autoApprove, isRevoked: key.isRevoked)
    }
}

extension PaymentNotificationRecord {
    public init(_ notification: PaymentNotification) {
        self.init(receivedAt: notification.receivedAt, provider: notification.provider, reference: notification.reference,
                  outcome: notification.outcome)
    }
}
