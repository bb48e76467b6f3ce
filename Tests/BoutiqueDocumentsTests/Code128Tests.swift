import BoutiqueCore
import BoutiqueDocuments
import Foundation
import Testing

@Suite("Code 128 encoder")
struct Code128Tests {
    // Expected symbol values were worked out by hand from the Code 128 table and, where they make
    // the same code-set choice, agree with python-barcode 0.16.1 (a second implementation).
    @Test("known texts give the hand-computed symbols and check symbol", arguments: [
        ("12", [105, 12, 14, 106]),                           // check: (105 + 1×12) mod 103 = 14
        ("1234", [105, 12, 34, 82, 106]),                     // (105 + 12 + 68) mod 103 = 82
        ("AB", [104, 33, 34, 102, 106]),                      // (104 + 33 + 68) mod 103 = 102
        ("\tAB", [103, 73, 33, 34, 35, 106]),                 // a control character needs code set A
        ("abc123456", [104, 65, 66, 67, 99, 12, 34, 56, 9, 106]),
        ("Boutique-2026", [104, 34, 79, 85, 84, 73, 81, 85, 69, 13, 99, 20, 26, 95, 106]),
        ("CMD-000324", [104, 35, 45, 36, 13, 99, 0, 3, 24, 67, 106]),
    ])
    func knownSymbols(text: String, expected: [Int]) throws {
        // act
        let code = try Code128(text)
        // check
        #expect(code.symbols == expected)
    }

    @Test("a 19-digit card number: Start C, nine pairs, Code B and the last digit")
    func cardNumberSymbols() throws {
        // setup
        let number = try CardNumber("5032123456789012345")
        // act
        let code = try Code128(number.digits)
        // check: 14 symbols, 13 × 11 + 13 = 156 modules; python-barcode gives the same values and check symbol 3
        #expect(code.symbols == [105, 50, 32, 12, 34, 56, 78, 90, 12, 34, 100, 21, 3, 106])
        #expect(code.checkSymbol == 3)
        #expect(code.moduleCount == 156)
    }

    @Test("a lone control character inside lowercase text is shifted, not switched")
    func shift() throws {
        // act
        let code = try Code128("a\tb")
        // check: B a, SHIFT, tab in A (73), b; check (104 + 65 + 2×98 + 3×73 + 4×66) mod 103 = 24
        #expect(code.symbols == [104, 65, 98, 73, 66, 24, 106])
    }

    @Test("an odd run of three digits stays in code set B (same length as switching)")
    func shortDigitRun() throws {
        // act
        let code = try Code128("123")
        // check: (104 + 17 + 2×18 + 3×19) mod 103 = 8
        #expect(code.symbols == [104, 17, 18, 19, 8, 106])
    }

    @Test("module widths follow the specification's patterns")
    func modulePatterns() throws {
        // setup
        let code = try Code128("12")
        // act
        let widths = code.moduleWidths
        // check: Start C 211232, value 12 = 112232, check 14 = 122231, stop 2331112
        #expect(widths == [2, 1, 1, 2, 3, 2, 1, 1, 2, 2, 3, 2, 1, 2, 2, 2, 3, 1, 2, 3, 3, 1, 1, 1, 2])
        #expect(widths.reduce(0, +) == code.moduleCount)
    }

    @Test("refuses what it cannot encode")
    func refusals() {
        #expect(throws: Code128Error.empty) { try Code128("") }
        #expect(throws: Code128Error.unsupportedCharacter("é")) { try Code128("café") }
        #expect(throws: Code128Error.tooLong(81)) { try Code128(String(repeating: "1", count: 81)) }
    }

    @Test("the SVG has a white background, one path of bars and keeps the quiet zones")
    func svgStructure() throws {
        // setup
        let code = try Code128("5032123456789012345")
        // act
        let svg = code.svg(moduleWidth: 2, height: 80)
        // check: (156 + 2 × 10) modules × 2 = 352 units wide; first bar after 10 quiet modules
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"352\" height=\"80\""))
        #expect(svg.contains("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"))
        #expect(svg.contains("d=\"M20 0h4v80h-4z"))
        #expect(svg.components(separatedBy: "z").count - 1 == code.bars.count)
    }
}
