import Hummingbird

/// The per-request context of the shop. Later middleware adds the session, the user and the CSE.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Forms and JSON bodies of the shop stay small; a larger body is refused with 413.
    public var maxUploadSize: Int { 256 * 1024 }
}
