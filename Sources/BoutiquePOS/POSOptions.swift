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
    /// The largest request body, in bytes (a redemption is about 200).
    public var maxBodyBytes = 8 * 1_024

    public init(requestsPerSecond: Double = 50, burst: Double = 100, guessLimit: Int = 20, guessWindow: Duration = .seconds(600)) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.guessLimit = guessLimit
        self.guessWindow = guessWindow
    }
}
