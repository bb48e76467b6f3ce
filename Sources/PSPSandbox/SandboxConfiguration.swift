import BoutiqueCore
import Foundation

/// How the sandbox provider behaves. The defaults give the demo; `notificationDelay` of 1200 s
/// plays the real system's "about 20 minutes".
public struct SandboxConfiguration: Sendable {
    /// The one merchant account the sandbox knows (HTTP Basic on the merchant API).
    public var merchantID: String
    public var secret: String
    /// Where the routes are mounted: `""` standalone, `/_sandbox/psp` inside the shop.
    public var pathPrefix: String
    /// Scheme, host and port browsers reach the sandbox at (`http://127.0.0.1:8081`), without the
    /// prefix; `nil` takes the merchant call's `Host` header (fine when shop and browser see the
    /// same address, as in the demo).
    public var publicBaseURL: String?
    /// The merchant's registered site (`https://shop.example`): the hosted page sends browsers
    /// back, and the notifications go, only to addresses under it, so the merchant's secret cannot
    /// turn the sandbox into an open redirect. `nil`: any address (a standalone sandbox in tests).
    public var merchantBaseURL: String?
    /// Wait between a payment's outcome and its first notification.
    public var notificationDelay: Duration
    /// A payment left on the hosted page without an outcome expires after this.
    public var paymentLifetime: Duration
    /// First wait after a failed notification; it doubles each time, up to `maximumRetryDelay`.
    public var initialRetryDelay: Duration
    public var maximumRetryDelay: Duration
    /// Notifications still failing this long after the outcome are abandoned.
    public var notificationDeadline: Duration
    /// How often the background service looks for due notifications and expired payments.
    public var pollInterval: Duration
    /// Per notification call, connection included.
    public var notificationTimeout: Duration
    public var now: @Sendable () -> Date

    public init(merchantID: String, secret: String, pathPrefix: String = "", publicBaseURL: String? = nil,
                merchantBaseURL: String? = nil, notificationDelay: Duration = .seconds(3), paymentLifetime: Duration = .seconds(3_600),
                initialRetryDelay: Duration = .seconds(10), maximumRetryDelay: Duration = .seconds(3_600),
                notificationDeadline: Duration = .seconds(24 * 3_600), pollInterval: Duration = .seconds(1),
                notificationTimeout: Duration = .seconds(10), now: @escaping @Sendable () -> Date = { Date() }) {
        self.merchantID = merchantID
        self.secret = secret
        self.pathPrefix = Self.normalized(prefix: pathPrefix)
        self.publicBaseURL = publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.merchantBaseURL = merchantBaseURL
        self.notificationDelay = notificationDelay
        self.paymentLifetime = paymentLifetime
        self.initialRetryDelay = initialRetryDelay
        self.maximumRetryDelay = maximumRetryDelay
        self.notificationDeadline = notificationDeadline
        self.pollInterval = pollInterval
        self.notificationTimeout = notificationTimeout
        self.now = now
    }

    /// `"/_sandbox/psp/"` and `"_sandbox/psp"` both mean `"/_sandbox/psp"`; `"/"` means no prefix.
    static func normalized(prefix: String) -> String {
        let trimmed = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return trimmed.isEmpty ? "" : "/" + trimmed
    }
}

extension Duration {
    /// Whole milliseconds, for the tables' integer times.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}

extension Date {
    var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1_000).rounded()) }

    init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(epochMilliseconds) / 1_000)
    }
}
