/// Who a CSE is in law, as its invoices must name it as the buyer (code de commerce, L441-9):
/// its registered name, postal address and SIRET. Stored with the CSE's settings.
public struct TenantLegalIdentity: Sendable, Hashable, Codable {
    /// e.g. « Comité social et économique d'Alpha Industries ».
    public var legalName: String
    /// Street, postcode and city, one line each.
    public var addressLines: [String]
    public var siret: SIRET

    public init(legalName: String, addressLines: [String], siret: SIRET) {
        self.legalName = legalName
        self.addressLines = addressLines
        self.siret = siret
    }

    private enum CodingKeys: String, CodingKey { case legalName, addressLines, siret }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        legalName = try container.decode(String.self, forKey: .legalName)
        addressLines = try container.decode([String].self, forKey: .addressLines)
        siret = SIRET(unchecked: try container.decode(String.self, forKey: .siret))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(legalName, forKey: .legalName)
        try container.encode(addressLines, forKey: .addressLines)
        try container.encode(siret.digits, forKey: .siret)
    }
}
