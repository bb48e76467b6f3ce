import BoutiqueCore
/// Field-by-field French messages of a rejected form. The page shows each next to its field.
public struct FormErrors: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public init(_ field: String, _ message: String) { messages[field] = message }

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: String) -> String? { messages[field] }

    /// Keeps the first problem found for a field.
    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    public mutating func check(_ field: String, _ message: String?) {
        if let message { add(field, message) }
    }
}
