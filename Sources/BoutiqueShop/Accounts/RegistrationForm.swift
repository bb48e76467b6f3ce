import BoutiqueCore
import Foundation

/// What the registration page sends ("Je crée mon compte ici").
public struct RegistrationForm: Codable, Sendable {
    public var civility: String?
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var password: String?
    public var passwordConfirmation: String?
    public var tenant: String?
    /// The CSE's short name (`alpha`, as in its shop's address `/cse/alpha`), when no `tenant`
    /// id came with the form: the platform does not list its CSEs to visitors.
    public var cse: String?
    public var identificationKey: String?

    public init(civility: String? = nil, firstName: String? = nil, lastName: String? = nil, email: String? = nil,
                phone: String? = nil, password: String? = nil, passwordConfirmation: String? = nil,
                tenant: String? = nil, identificationKey: String? = nil) {
        self.civility = civility
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.password = password
        self.passwordConfirmation = passwordConfirmation
        self.tenant = tenant
        self.identificationKey = identificationKey
    }
}
