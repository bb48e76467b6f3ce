import BoutiqueShop
import Hummingbird

/// `/cse/:slug/logo?v=…`: a CSE's logo for its shop's header. The version in the link changes
/// with the logo, so a link that names the current version is cached for a year; any other
/// answers for five minutes. The type comes from the stored image's own bytes and browsers may
/// not sniff another.
struct TenantLogoController {
    let logos: TenantLogos

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/cse/:slug/logo", use: logo)
    }

    @Sendable func logo(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), let logo = try await logos.logo(slug: slug) else { throw HTTPError(.notFound) }
        let tag = "\"\(logo.version)\""
        let pinned = request.formQuery.get("v") == logo.version
        let headers: HTTPFields = [
            .contentType: logo.contentType, .eTag: tag, .xContentTypeOptions: "nosniff",
            .cacheControl: pinned ? "public, max-age=31536000, immutable" : "public, max-age=300",
        ]
        if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: logo.bytes)))
    }
}
