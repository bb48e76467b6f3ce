import BoutiqueCore
import BoutiqueShop
import Hummingbird
import NIOCore

/// The per-request context of the shop: the caller's address, session, user and CSRF token.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket's peer: the reverse proxy's address when behind one.
    public let peerAddress: String
    /// The client's IP address, for the audit log and the throttles: the peer, or the address a
    /// trusted proxy forwarded (set by `ClientAddressMiddleware`, see `TrustedProxies`).
    public internal(set) var remoteAddress: String
    /// The logged-in user (active), with their CSE.
    public var user: UserRecord? {
        get { signedIn?.record }
        set { signedIn = newValue.map(SignedIn.init) }
    }
    /// Held by reference: every middleware copies the context, and a record of some twenty
    /// strings copied inline cost 60–70 µs of CPU per logged-in request (scripts/load, release).
    private var signedIn: SignedIn?
    /// The SHA-256 of the session cookie's token, when a valid session was presented.
    public var sessionIDHash: String?
    /// The value forms must send back in `_csrf`.
    public var csrfToken: String = ""

    public init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "local"
        remoteAddress = peerAddress
    }

    /// The most bytes this request's body may carry: set from its route by `BodyLimitMiddleware`
    /// (`BodyLimits`: 8 MB for the upload forms, 1 MB otherwise); every reader passes it to
    /// `collectBody(upTo:)`, so a larger body is refused with 413 while it is read.
    public internal(set) var maxUploadSize: Int = BodyLimits.form

    private final class SignedIn: Sendable {
        let record: UserRecord
        init(_ record: UserRecord) { self.record = record }
    }

    /// The acting user for the use cases, or nil for a visitor.
    public var actor: AccountActor? { user?.actor(from: remoteAddress) }
}
