import BoutiqueCore

/// The authenticated POS client of the request being handled, set by `POSAuthMiddleware` around
/// the generated handler (which has no other channel for it).
enum POSRequestScope {
    @TaskLocal static var client: POSClientIdentity?
}
