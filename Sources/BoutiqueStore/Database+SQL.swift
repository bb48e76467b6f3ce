import BoutiqueCore
import FluentKit
import SQLKit

extension FluentKit.Database {
    /// The SQL side of a Fluent handle (a transaction's included). Both engines' drivers are SQL
    /// databases, so this fails only on a programming error — and then loudly, never by skipping
    /// the work or answering "nothing" (an empty URSSAF total would let a dotation pass its
    /// ceiling).
    public func requireSQL() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw ConfigurationError("Pilote de base de données non SQL.") }
        return sql
    }
}
