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

    /// Forms and JSON bodies stay small; a larger body is refused with 413. The largest form is a
    /// dotation's confirmation: one hidden line per employee, about 56 bytes each (10,000 → 560 KB).
    public var maxUploadSize: Int { 1024 * 1024 }
    /// Forms with a file (the consoles' CSV imports: 10,000 employees are about 600 KB).
    public var maxFileUploadSize: Int { 8 * 1024 * 1024 }

    private final class SignedIn: Sendable {
        let record: UserRecord
        init(_ record: UserRecord) { self.record = record }
    }

    /// The acting user for the use cases, or nil for a visitor.
    public var actor: AccountActor? { user?.actor(from: remoteAddress) }
}
