import Foundation

/// A CSE's own rules. Stored as one JSON column so new settings need no migration; every field
/// has a default so older rows decode.
public struct TenantSettings: Codable, Sendable, Equatable {
    /// Highest amount of one order, in cents (`nil`: no limit).
    public var maxOrderCents: Int?
    /// Highest yearly purchase per employee, in cents (`nil`: no cap).
    public var yearlyCapCents: Int?
    /// Most lines a cart may hold.
    public var maxCartLines: Int
    /// Whether a valid identification key approves an account without a manager.
    public var autoApproveWithKey: Bool
    /// Brand colour of the CSE's pages, `#RRGGBB`.
    public var brandColor: String
    /// Whether the CSE's managers must log in with a second factor (TOTP).
    public var managersNeedSecondFactor: Bool
    /// The CSE as its dotation invoices name it; nil until the operator enters it.
    public var legalIdentity: TenantLegalIdentity?

    public init(maxOrderCents: Int? = 150_000, yearlyCapCents: Int? = 500_000, maxCartLines: Int = 20,
                autoApproveWithKey: Bool = false, brandColor: String = "#1d4f91", managersNeedSecondFactor: Bool = false,
                legalIdentity: TenantLegalIdentity? = nil) {
        self.maxOrderCents = maxOrderCents
        self.yearlyCapCents = yearlyCapCents
        self.maxCartLines = maxCartLines
        self.autoApproveWithKey = autoApproveWithKey
        self.brandColor = brandColor
        self.managersNeedSecondFactor = managersNeedSecondFactor
        self.legalIdentity = legalIdentity
    }

    private enum CodingKeys: String, CodingKey {
        case maxOrderCents, yearlyCapCents, maxCartLines, autoApproveWithKey, brandColor, managersNeedSecondFactor, legalIdentity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TenantSettings()
        maxOrderCents = try Self.optionalLimit(container, .maxOrderCents, default: defaults.maxOrderCents)
        yearlyCapCents = try Self.optionalLimit(container, .yearlyCapCents, default: defaults.yearlyCapCents)
        maxCartLines = try container.decodeIfPresent(Int.self, forKey: .maxCartLines) ?? defaults.maxCartLines
        autoApproveWithKey = try container.decodeIfPresent(Bool.self, forKey: .autoApproveWithKey) ?? defaults.autoApproveWithKey
        brandColor = try container.decodeIfPresent(String.self, forKey: .brandColor) ?? defaults.brandColor
        managersNeedSecondFactor = try container.decodeIfPresent(Bool.self, forKey: .managersNeedSecondFactor)
            ?? defaults.managersNeedSecondFactor
        legalIdentity = try container.decodeIfPresent(TenantLegalIdentity.self, forKey: .legalIdentity)
    }

    /// Writes "no limit" as an explicit `null`, so that it is not mistaken for a missing setting.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(maxOrderCents, forKey: .maxOrderCents)
        try container.encode(yearlyCapCents, forKey: .yearlyCapCents)
        try container.encode(maxCartLines, forKey: .maxCartLines)
        try container.encode(autoApproveWithKey, forKey: .autoApproveWithKey)
        try container.encode(brandColor, forKey: .brandColor)
        try container.encode(managersNeedSecondFactor, forKey: .managersNeedSecondFactor)
        try container.encodeIfPresent(legalIdentity, forKey: .legalIdentity)
    }

    /// A limit that is absent takes its default; one stored as `null` means "no limit".
    private static func optionalLimit(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, default value: Int?) throws -> Int? {
        guard container.contains(key) else { return value }
        return try container.decodeNil(forKey: key) ? nil : container.decode(Int.self, forKey: key)
    }
}
