import BoutiqueCore
import FluentKit
import Foundation

/// A store that accepts the e-cards. Coordinates are degrees (WGS 84); they are geometry, not
/// money, so floating point is right here.
public final class StoreLocation: Model, @unchecked Sendable {
    public static let schema = "store_locations"

    @ID(key: .id) public var id: UUID?
    /// The retailer's store code, the key of CSV imports.
    @Field(key: "code") public var code: String
    @Field(key: "brand") public var brand: String
    @Field(key: "name") public var name: String
    @Field(key: "address") public var address: String
    @Field(key: "postcode") public var postcode: String
    @Field(key: "city") public var city: String
    @Field(key: "latitude") public var latitude: Double
    @Field(key: "longitude") public var longitude: Double
    /// Free text: "Lun.–sam. 8 h 30 – 21 h"; empty when unknown.
    @Field(key: "opening_hours") public var openingHours: String
    /// Whether its Scan-Lib / self-service tills accept e-cards.
    @Field(key: "self_checkout") public var selfCheckout: Bool
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(code: String, brand: String, name: String, address: String, postcode: String, city: String,
                latitude: Double, longitude: Double, openingHours: String, selfCheckout: Bool) {
        self.code = code
        self.brand = brand
        self.name = name
        self.address = address
        self.postcode = postcode
        self.city = city
        self.latitude = latitude
        self.longitude = longitude
        self.openingHours = openingHours
        self.selfCheckout = selfCheckout
    }
}

/// A "Contactez-nous" message, kept and e-mailed to the operator and the CSE.
public final class ContactMessage: Model, @unchecked Sendable {
    public static let schema = "contact_messages"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "user_id") public var user: User?
    @OptionalParent(key: "tenant_id") public var tenant: Tenant?
    @Field(key: "email") public var email: String
    @Field(key: "subject") public var subject: String
    @Field(key: "message") public var message: String
    @OptionalField(key: "order_reference") public var orderReference: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID?, tenantID: UUID?, email: String, subject: String, message: String, orderReference: String?) {
        self.$user.id = userID
        self.$tenant.id = tenantID
        self.email = email
        self.subject = subject
        self.message = message
        self.orderReference = orderReference
    }
}
