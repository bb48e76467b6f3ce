import BoutiqueCore
import Testing

@Suite("Card numbers and PINs")
struct CardNumberTests {
    let prefix = try! CardIssuerPrefix("5032")

    @Test("100,000 generated numbers are 19 digits, carry the prefix, pass Luhn and are all different")
    func generation() throws {
        // act
        var seen = Set<String>()
        for _ in 0..<100_000 {
            let number = CardNumber.generate(prefix: prefix)
            // check
            #expect(number.digits.count == 19)
            #expect(number.digits.hasPrefix("5032"))
            #expect(Luhn.isValid(number.digits))
            #expect(try CardNumber(number.digits) == number)
            seen.insert(number.digits)
        }
        #expect(seen.count == 100_000)
    }

    @Test("a typing error is caught by the check digit; wrong lengths and letters are refused")
    func validation() throws {
        // setup
        let number = CardNumber.generate(prefix: prefix)
        var digits = Array(number.digits)
        digits[7] = digits[7] == "9" ? "0" : Character(String(Int(String(digits[7]))! + 1))
        // act / check
        #expect(throws: CardNumberError.checkDigit) { try CardNumber(String(digits)) }
        #expect(throws: CardNumberError.malformed) { try CardNumber(String(number.digits.dropLast())) }
        #expect(throws: CardNumberError.malformed) { try CardNumber("5032abcd" + String(number.digits.dropFirst(8))) }
        #expect(throws: CardNumberError.malformed) { try CardNumber("") }
        #expect(try CardNumber(number.grouped) == number)
    }

    @Test("Luhn matches known numbers")
    func luhnVectors() {
        #expect(Luhn.isValid("79927398713"))
        #expect(!Luhn.isValid("79927398710"))
        #expect(Luhn.checkDigit(for: "7992739871") == 3)
        #expect(Luhn.isValid("4111111111111111"))
    }

    @Test("masked everywhere: first 4, an X per hidden digit, last 4; never printed in clear")
    func masking() throws {
        // setup
        let fixed = try CardNumber(Self.withCheckDigit("503212345678901234"))
        // check
        #expect(fixed.masked.count == 19)
        #expect(fixed.masked == "5032XXXXXXXXXXX" + fixed.last4)
        #expect("\(fixed)" == fixed.masked)
        #expect(String(reflecting: fixed) == "CardNumber(\(fixed.masked))")
        #expect(!"\(fixed)".contains(fixed.digits))
        #expect(fixed.grouped == "5032 1234 5678 9012 34" + String(fixed.digits.last!))
    }

    @Test("PINs are 4 digits, keep leading zeros, and never print")
    func pins() throws {
        for _ in 0..<1_000 {
            let pin = CardPIN.generate()
            #expect(pin.digits.count == 4)
            #expect(pin.digits.allSatisfy { $0.isNumber })
            #expect("\(pin)" == "••••")
        }
        #expect(try CardPIN("0042").digits == "0042")
        #expect(throws: CardNumberError.malformed) { try CardPIN("42") }
        #expect(throws: CardNumberError.malformed) { try CardPIN("12a4") }
    }

    @Test("issuer prefixes leave room for random digits")
    func prefixes() {
        #expect(throws: CardNumberError.malformed) { try CardIssuerPrefix("") }
        #expect(throws: CardNumberError.malformed) { try CardIssuerPrefix("123456789") }
        #expect(throws: CardNumberError.malformed) { try CardIssuerPrefix("50A2") }
    }

    static func withCheckDigit(_ body: String) -> String { body + String(Luhn.checkDigit(for: body)) }
}
