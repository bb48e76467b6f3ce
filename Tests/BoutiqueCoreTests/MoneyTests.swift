import BoutiqueCore
import Testing

@Suite("Money")
struct MoneyTests {
    @Test("prints amounts the French way and the guide's way")
    func formatting() {
        // setup
        let total = Money(cents: 15_200)
        let big = Money(cents: 123_450)
        let saving = Money(cents: -800)
        // act / check
        #expect(total.french == "152,00\u{00A0}€")
        #expect(big.french == "1\u{202F}234,50\u{00A0}€")
        #expect(total.french == "152,00\u{00A0}€")
        #expect(saving.french == "-8,00\u{00A0}€")
        #expect(Money(cents: 4_400).french == "44,00\u{00A0}€")
        #expect(Money(cents: 5).decimal == "0.05")
        #expect(Money(cents: 100_000_000).french == "1\u{202F}000\u{202F}000,00\u{00A0}€")
    }

    @Test("whole euros become cents")
    func euros() throws {
        #expect(try Money.euros(50) == Money(cents: 5_000))
    }

    @Test("overflow is an error, never a wrapped or crashed amount")
    func overflow() {
        // setup
        let huge = Money(cents: Int.max - 1)
        // act / check
        #expect(throws: MoneyError.overflow) { try huge.adding(Money(cents: 2)) }
        #expect(throws: MoneyError.overflow) { try Money(cents: Int.min).subtracting(Money(cents: 1)) }
        #expect(throws: MoneyError.overflow) { try huge.multiplied(by: 2) }
        #expect(throws: MoneyError.overflow) { try Money.euros(Int.max / 10) }
        #expect(throws: MoneyError.overflow) { try Money.sum([huge, huge]) }
        #expect(Money(cents: Int.min).french.hasPrefix("-"))
    }
}
