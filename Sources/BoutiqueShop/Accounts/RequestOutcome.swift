/// The answer to a request that sends an e-mail to an address typed by a visitor (registration,
/// reset link): the same for every address, or refused when that client or address asked too often.
public enum RequestOutcome: Sendable, Equatable {
    case accepted
    /// The French message to show with a 429.
    case throttled(String)
}
