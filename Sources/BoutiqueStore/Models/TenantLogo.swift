import BoutiqueCore
import FluentKit
import Foundation

/// A CSE's logo, shown in its shop's header: the image as uploaded (PNG or JPEG, checked), kept
/// in the database so that every instance serves it and backups hold it.
public final class TenantLogo: Model, @unchecked Sendable {
    public static let schema = "tenant_logos"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tenant_id") public var tenant: Tenant
    /// `image/png` or `image/jpeg`, from the file's own bytes, never from the browser's say-so.
    @Field(key: "content_type") public var contentType: String
    @Field(key: "data") public var data: Data
    @Field(key: "width") public var width: Int
    @Field(key: "height") public var height: Int
    /// Derived from the image's digest: part of the logo's URL, so a new logo is a new URL.
    @Field(key: "version") public var version: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(tenantID: UUID, contentType: String, data: Data, width: Int, height: Int, version: String) {
        self.$tenant.id = tenantID
        self.contentType = contentType
        self.data = data
        self.width = width
        self.height = height
        self.version = version
    }
}
