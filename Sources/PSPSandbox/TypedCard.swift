import BoutiqueCore
/// What the sandbox keeps of a typed card: the brand and the last four digits, nothing more.
struct TypedCard: Sendable, Equatable {
    var last4: String
    var brand: String
}
