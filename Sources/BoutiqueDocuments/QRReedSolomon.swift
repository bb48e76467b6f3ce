/// Reed–Solomon error correction over GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1 (0x11D) and
/// generator roots α⁰…αⁿ⁻¹ (ISO/IEC 18004 §7.5.2).
struct QRReedSolomon: Sendable {
    /// The generator polynomial's coefficients, highest degree first, leading 1 omitted.
    let divisor: [UInt8]

    init(degree: Int) {
        precondition((1...255).contains(degree), "Reed–Solomon degree out of range")
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        // Multiply (x - α⁰)(x - α¹)…, one root at a time.
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = Self.multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = Self.multiply(root, 0x02)
        }
        divisor = result
    }

    /// The error-correction codewords of `data`: the remainder of data·xⁿ divided by the generator.
    func remainder(of data: ArraySlice<UInt8>) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices {
                result[index] ^= Self.multiply(divisor[index], factor)
            }
        }
        return result
    }

    /// Product in GF(256), Russian-peasant style: no tables to get wrong.
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for bit in (0..<8).reversed() {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> UInt8(bit)) & 1) * Int(x)
        }
        return UInt8(product)
    }
}
