import BoutiqueCore
import Testing

@Suite("Pricing")
struct PricingTests {
    let fivePercent = try! DiscountRate(basisPoints: 500)

    @Test("the guide's cart: 50 + 100 + 10 € at 5 % costs 152.00 € and saves 8.00 €")
    func guideCart() throws {
        // setup
        let faces = [5_000, 10_000, 1_000].map { Money(cents: $0) }
        // act
        let lines = try faces.map { try Pricing.price(faceValue: $0, quantity: 1, rate: fivePercent) }
        let order = try Pricing.total(of: lines)
        // check
        #expect(lines.map(\.price.french) == ["47,50\u{00A0}€", "95,00\u{00A0}€", "9,50\u{00A0}€"])
        #expect(order.total.french == "152,00\u{00A0}€")
        #expect(order.savings.french == "8,00\u{00A0}€")
        #expect(order.faceTotal.french == "160,00\u{00A0}€")
    }

    @Test("the guide's e-mail: 10 + 20 + 30 + 40 € at 5 % costs 95.00 €")
    func guideEmail() throws {
        // act
        let lines = try [10, 20, 30, 40].map { try Pricing.price(faceValue: Money.euros($0), quantity: 1, rate: fivePercent) }
        // check
        #expect(try Pricing.total(of: lines).total.french == "95,00\u{00A0}€")
    }

    @Test("a line is rounded half-up once, on the line, not per card")
    func roundingPerLine() throws {
        // setup: 10.10 € at 5 % is 9.595 € a card
        let face = Money(cents: 1_010)
        // act
        let one = try Pricing.price(faceValue: face, quantity: 1, rate: fivePercent)
        let three = try Pricing.price(faceValue: face, quantity: 3, rate: fivePercent)
        // check: 959.5 → 960; 3 × 10.10 = 30.30 → 28.785 → 28.79 (not 3 × 9.60 = 28.80)
        #expect(one.price.cents == 960)
        #expect(three.price.cents == 2_879)
        #expect(three.saving.cents == 151)
    }

    @Test("the guide's order of 1 × 33 € + 2 × 44 € at 5 % costs 114.95 €")
    func guideOrderList() throws {
        let lines = [
            try Pricing.price(faceValue: Money(cents: 3_300), quantity: 1, rate: fivePercent),
            try Pricing.price(faceValue: Money(cents: 4_400), quantity: 2, rate: fivePercent),
        ]
        #expect(try Pricing.total(of: lines).total.french == "114,95\u{00A0}€")
    }

    @Test("bad quantities, face values and rates are refused")
    func invalidInput() {
        #expect(throws: PricingError.invalidQuantity(0)) { try Pricing.price(faceValue: Money(cents: 100), quantity: 0, rate: fivePercent) }
        #expect(throws: PricingError.invalidFaceValue(Money(cents: -5))) { try Pricing.price(faceValue: Money(cents: -5), quantity: 1, rate: fivePercent) }
        #expect(throws: PricingError.invalidRate(10_000)) { try DiscountRate(basisPoints: 10_000) }
        #expect(throws: PricingError.invalidRate(-1)) { try DiscountRate(basisPoints: -1) }
        #expect(throws: PricingError.overflow) { try Pricing.price(faceValue: Money(cents: Int.max / 2), quantity: 3, rate: fivePercent) }
    }

    @Test("rates print as the guide and in French")
    func rateText() throws {
        #expect(fivePercent.description == "5%")
        #expect(try DiscountRate(basisPoints: 250).description == "2.5%")
        #expect(try DiscountRate(basisPoints: 725).french == "7,25\u{00A0}%")
        #expect(try DiscountRate.percent(5) == fivePercent)
    }
}
