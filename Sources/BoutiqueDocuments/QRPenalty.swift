/// The mask evaluation of ISO/IEC 18004 §7.8.3: the mask whose symbol has the fewest features
/// that confuse readers (long runs, 2×2 blocks, finder look-alikes, unbalanced dark share) wins.
enum QRPenalty {
    static let runWeight = 3, blockWeight = 3, finderWeight = 40, balanceWeight = 10

    static func score(_ matrix: QRMatrix) -> Int {
        let size = matrix.size
        var total = 0
        for index in 0..<size {
            total += lineScore((0..<size).map { matrix[$0, index] })
            total += lineScore((0..<size).map { matrix[index, $0] })
        }
        var dark = 0
        for y in 0..<size {
            for x in 0..<size {
                if matrix[x, y] { dark += 1 }
                guard x + 1 < size, y + 1 < size else { continue }
                let colour = matrix[x, y]
                if matrix[x + 1, y] == colour, matrix[x, y + 1] == colour, matrix[x + 1, y + 1] == colour {
                    total += blockWeight
                }
            }
        }
        // 10 points for each full 5 % step away from half dark.
        let cells = size * size
        let deviationSteps = (abs(dark * 20 - cells * 10) + cells - 1) / cells - 1
        return total + deviationSteps * balanceWeight
    }

    /// Runs of five or more (N1 + run − 5) and 1:1:3:1:1 finder look-alikes with four light
    /// modules on one side (N3); the quiet zone counts as light, as a reader sees it.
    static func lineScore(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var previous: Bool?
        for module in line {
            if module == previous {
                runLength += 1
            } else {
                if runLength >= 5 { score += runWeight + runLength - 5 }
                previous = module
                runLength = 1
            }
        }
        if runLength >= 5 { score += runWeight + runLength - 5 }
        let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
        for start in 0...(padded.count - 11) {
            let window = padded[start..<(start + 11)]
            if window.elementsEqual(finderLightAfter) || window.elementsEqual(finderLightBefore) {
                score += finderWeight
            }
        }
        return score
    }

    private static let finderCore: [Bool] = [true, false, true, true, true, false, true]
    private static let finderLightAfter = finderCore + [false, false, false, false]
    private static let finderLightBefore = [false, false, false, false] + finderCore
}
