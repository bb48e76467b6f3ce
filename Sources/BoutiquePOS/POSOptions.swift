import Foundation

/// The POS API's limits.
public struct POSOptions: Sendable {
    /// Sustained requests per second allowed per API key.
    public var requestsPerSecond: Double
    /// Requests a key may send at once above the sustained rate.
    public var burst: Double
    /// Failed card-number or PIN guesses per key before its card requests are refused…
    public var guessLimit: Int
    /// …for this window.
    public var guessWindow: Duration

    public init(requestsPerSecond: Double = 50, burst: Double = 100, guessLimit: Int = 20, guessWindow: Duration = .seconds(600)) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.guessLimit = guessLimit
        self.guessWindow = guessWindow
    }

    /// Reads `BOUTIQUE_POS_RATE` (requests per second per key) and `BOUTIQUE_POS_BURST`; the
    /// defaults otherwise. Invalid values fall back to the defaults.
    public init(environment: [String: String]) {
        self.init()
        if let rate = environment["BOUTIQUE_POS_RATE"].flatMap(Double.init), rate > 0 { requestsPerSecond = rate }
        if let burst = environment["BOUTIQUE_POS_BURST"].flatMap(Double.init), burst >= 1 { self.burst = burst }
    }
}
