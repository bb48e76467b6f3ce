import Mustache

/// A view model's stored properties, reflected once per render.
///
/// Mustache finds a name in a Swift value by reflecting the whole value again for every tag, and
/// again on each level of the context stack it climbs: on the cart page that was a third of the
/// server's CPU (perf during `scripts/load`). `ReflectedObject.wrap` reflects each object of the
/// page once into a table and answers the same lookups: the same stored properties, a nil
/// optional still absent (so Mustache looks further up the stack, as it does for a nil property),
/// and values Mustache treats specially (text, numbers, booleans, enums) left as they are.
final class ReflectedObject: MustacheParent {
    private let fields: [String: Any]

    private init(fields: [String: Any]) {
        self.fields = fields
    }

    func child(named name: String) -> Any? { fields[name] }

    /// `value` ready for Mustache: structs as `ReflectedObject`s, arrays and
    /// dictionaries with their elements wrapped, nil for an empty optional, anything else as is.
    static func wrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { wrap($0.value) }
        case .collection:
            guard let array = value as? [Any] else { return value }
            let wrapped = array.map { wrap($0) ?? $0 }
            // An array of plain values stays as it was (typed), for Mustache's transforms.
            return wrapped.contains { $0 is ReflectedObject } ? wrapped : value
        case .dictionary:
            guard let dictionary = value as? [String: Any] else { return value }
            return dictionary.mapValues { wrap($0) ?? $0 }
        case .struct:
            // Classes (Fluent models) stay as they are: their graphs can loop back on themselves.
            if value is CustomStringConvertible || value is MustacheParent { return value }
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, fields[label] == nil, let wrapped = wrap(child.value) else { continue }
                fields[label] = wrapped
            }
            return ReflectedObject(fields: fields)
        default:
            return value
        }
    }
}
