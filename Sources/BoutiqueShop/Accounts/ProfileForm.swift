import BoutiqueCore
/// "Gérez vos coordonnées": what an employee may change directly.
public struct ProfileForm: Codable, Sendable {
    public var civility: String?
    public var firstName: String?
    public var lastName: String?
    public var phone: String?

    public init(civility: String? = nil, firstName: String? = nil, lastName: String? = nil, phone: String? = nil) {
        self.civility = civility
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
    }
}
