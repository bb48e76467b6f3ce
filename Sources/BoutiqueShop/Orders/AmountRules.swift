import BoutiqueCore
import Foundation

/// Load amounts and quantities as typed in the product form.
enum AmountRules {
    /// Whole euros within the product's range, or one of its fixed values; the message says what
    /// is allowed. Decimals, text, negatives and huge numbers are refused.
    static func parse(_ text: String?, product: ProductRecord, errors: inout FormErrors) -> Money? {
        let raw = FieldRules.clean(text).replacingOccurrences(of: "€", with: "").trimmingCharacters(in: .whitespaces)
        let values = product.denominationsCents.sorted().map { Money(cents: $0) }
        guard raw.count <= 7, let euros = Int(raw) else {
            errors.add("amount", values.isEmpty ? OrderMessages.amountNotWhole : OrderMessages.amountChoice(values))
            return nil
        }
        let amount = Money(cents: euros * 100)
        if !values.isEmpty {
            guard values.contains(amount) else {
                errors.add("amount", OrderMessages.amountChoice(values))
                return nil
            }
            return amount
        }
        guard amount.cents >= product.minAmountCents, amount.cents <= product.maxAmountCents else {
            errors.add("amount", OrderMessages.amountRange(Money(cents: product.minAmountCents), Money(cents: product.maxAmountCents)))
            return nil
        }
        return amount
    }

    static func quantity(_ text: String?, max: Int, errors: inout FormErrors) -> Int? {
        guard let value = Int(FieldRules.clean(text)), (1...max).contains(value) else {
            errors.add("quantity", OrderMessages.quantityRange(max))
            return nil
        }
        return value
    }
}
