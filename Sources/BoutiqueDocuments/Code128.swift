/// A Code 128 barcode: the symbology tills scan on gift cards.
///
/// The encoder picks code sets itself: code set C packs two digits per symbol, so a 19-digit card
/// number becomes Start C, nine digit pairs, a switch to code set B and the last digit. The choice
/// is the shortest possible symbol sequence (a small dynamic programme over the three code sets,
/// with switches and single-character shifts), which is what ISO/IEC 15417's annex rules approximate.
public struct Code128: Sendable, Hashable {
    /// The encoded text (ASCII).
    public let text: String
    /// Symbol values in print order: start, data, modulo-103 check symbol, stop.
    public let symbols: [Int]

    /// Quiet zone on each side, in modules; the standard asks for at least 10.
    public static let quietZoneModules = 10

    public init(_ text: String) throws(Code128Error) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= Self.maximumLength else { throw .tooLong(bytes.count) }
        for scalar in text.unicodeScalars where !scalar.isASCII { throw .unsupportedCharacter(Character(scalar)) }
        self.text = text
        let data = Self.encode(bytes)
        symbols = data + [Self.checkSymbol(for: data), Self.stop]
    }

    /// Longer texts would not fit a card or a till's scanner window anyway.
    public static let maximumLength = 80

    /// The modulo-103 check symbol for start + data symbols.
    public static func checkSymbol(for symbols: [Int]) -> Int {
        var sum = symbols.first ?? 0
        for (position, value) in symbols.enumerated().dropFirst() { sum += position * value }
        return sum % 103
    }

    /// The check symbol printed in this barcode.
    public var checkSymbol: Int { symbols[symbols.count - 2] }

    /// Alternating bar and space widths in modules, starting and ending with a bar; quiet zones
    /// not included.
    public var moduleWidths: [Int] {
        var widths: [Int] = []
        widths.reserveCapacity(symbols.count * 6 + 1)
        for symbol in symbols {
            var pattern = Self.patterns[symbol]
            var digits: [Int] = []
            while pattern > 0 {
                digits.append(pattern % 10)
                pattern /= 10
            }
            widths.append(contentsOf: digits.reversed())
        }
        return widths
    }

    /// Width of the symbol in modules, quiet zones not included (11 per symbol, 13 for stop).
    public var moduleCount: Int { (symbols.count - 1) * 11 + 13 }

    /// Bars as (first module, width in modules), counted from the left edge of the symbol.
    public var bars: [(start: Int, width: Int)] {
        var bars: [(start: Int, width: Int)] = []
        var position = 0
        for (index, width) in moduleWidths.enumerated() {
            if index % 2 == 0 { bars.append((position, width)) }
            position += width
        }
        return bars
    }

    // MARK: Symbol values

    static let startA = 103, startB = 104, startC = 105, stop = 106
    static let codeA = 101, codeB = 100, codeC = 99, shift = 98

    enum CodeSet: Int, CaseIterable { case a = 0, b = 1, c = 2 }

    static func value(of byte: UInt8, in set: CodeSet) -> Int? {
        switch set {
        case .a: byte < 32 ? Int(byte) + 64 : (byte < 96 ? Int(byte) - 32 : nil)
        case .b: byte >= 32 ? Int(byte) - 32 : nil
        case .c: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private enum Step {
        case start
        case switchFrom(CodeSet)
        case character
        case shifted
        case digitPair
    }

    /// Start and data symbols for `bytes`, with the fewest symbols possible.
    static func encode(_ bytes: [UInt8]) -> [Int] {
        let count = bytes.count
        let unreachable = Int.max / 2
        // cost[i][s]: fewest symbols encoding bytes[..<i] and leaving code set s active.
        var cost = Array(repeating: [unreachable, unreachable, unreachable], count: count + 1)
        var step = Array(repeating: [Step.start, Step.start, Step.start], count: count + 1)
        for set in CodeSet.allCases { cost[0][set.rawValue] = 1 }

        for index in 0...count {
            relaxSwitches(at: index, cost: &cost, step: &step)
            guard index < count else { break }
            let byte = bytes[index]
            for set in CodeSet.allCases {
                let current = cost[index][set.rawValue]
                guard current < unreachable else { continue }
                if set == .c {
                    if index + 1 < count, isDigit(byte), isDigit(bytes[index + 1]),
                       current + 1 < cost[index + 2][set.rawValue] {
                        cost[index + 2][set.rawValue] = current + 1
                        step[index + 2][set.rawValue] = .digitPair
                    }
                    continue
                }
                let other: CodeSet = set == .a ? .b : .a
                if value(of: byte, in: set) != nil {
                    if current + 1 < cost[index + 1][set.rawValue] {
                        cost[index + 1][set.rawValue] = current + 1
                        step[index + 1][set.rawValue] = .character
                    }
                } else if value(of: byte, in: other) != nil, current + 2 < cost[index + 1][set.rawValue] {
                    cost[index + 1][set.rawValue] = current + 2
                    step[index + 1][set.rawValue] = .shifted
                }
            }
        }
        // Ties are broken towards B, then C: for an odd run of digits this gives Start C and a
        // final switch to B, the layout ISO/IEC 15417 and common encoders produce.
        var best = CodeSet.b
        for set in [CodeSet.c, .a] where cost[count][set.rawValue] < cost[count][best.rawValue] { best = set }
        return backtrack(bytes, step: step, endingIn: best)
    }

    /// A code set change costs one symbol; two changes in a row never help, so one pass suffices.
    private static func relaxSwitches(at index: Int, cost: inout [[Int]], step: inout [[Step]]) {
        let before = cost[index]
        for target in CodeSet.allCases {
            // On equal cost, come from B, then C, then A: A is only worth it for control characters.
            for source in [CodeSet.b, .c, .a] where source != target {
                if before[source.rawValue] + 1 < cost[index][target.rawValue] {
                    cost[index][target.rawValue] = before[source.rawValue] + 1
                    step[index][target.rawValue] = .switchFrom(source)
                }
            }
        }
    }

    private static func backtrack(_ bytes: [UInt8], step: [[Step]], endingIn last: CodeSet) -> [Int] {
        var reversed: [Int] = []
        var index = bytes.count
        var set = last
        while true {
            switch step[index][set.rawValue] {
            case .start:
                reversed.append([startA, startB, startC][set.rawValue])
                return reversed.reversed()
            case .switchFrom(let source):
                reversed.append([codeA, codeB, codeC][set.rawValue])
                set = source
            case .character:
                index -= 1
                reversed.append(value(of: bytes[index], in: set) ?? 0)
            case .shifted:
                index -= 1
                let other: CodeSet = set == .a ? .b : .a
                reversed.append(value(of: bytes[index], in: other) ?? 0)
                reversed.append(shift)
            case .digitPair:
                index -= 2
                reversed.append(Int(bytes[index] - 0x30) * 10 + Int(bytes[index + 1] - 0x30))
            }
        }
    }

    /// Bar/space widths of symbols 0…105 (six elements, 11 modules) and stop (seven, 13 modules),
    /// from the Code 128 specification's symbol table.
    static let patterns: [Int] = [
        212222, 222122, 222221, 121223, 121322, 131222, 122213, 122312, 132212, 221213,
        221312, 231212, 112232, 122132, 122231, 113222, 123122, 123221, 223211, 221132,
        221231, 213212, 223112, 312131, 311222, 321122, 321221, 312212, 322112, 322211,
        212123, 212321, 232121, 111323, 131123, 131321, 112313, 132113, 132311, 211313,
        231113, 231311, 112133, 112331, 132131, 113123, 113321, 133121, 313121, 211331,
        231131, 213113, 213311, 213131, 311123, 311321, 331121, 312113, 312311, 332111,
        314111, 221411, 431111, 111224, 111422, 121124, 121421, 141122, 141221, 112214,
        112412, 122114, 122411, 142112, 142211, 241211, 221114, 413111, 241112, 134111,
        111242, 121142, 121241, 114212, 124112, 124211, 411212, 421112, 421211, 212141,
        214121, 412121, 111143, 111341, 131141, 114113, 114311, 411113, 411311, 113141,
        114131, 311141, 411131, 211412, 211214, 211232, 2_331_112,
    ]
}

public enum Code128Error: Error, Sendable, Equatable {
    case empty
    case tooLong(Int)
    /// Only ASCII can be encoded (no FNC4 extended characters).
    case unsupportedCharacter(Character)
}
