/// Lowercase hexadecimal text of bytes (hashes, keys).
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two digits a byte, in one allocation (`String(byte, radix: 16)` a byte made one each).
    public static func lowercase<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            var position = 0
            for byte in bytes { put(byte, into: output, at: &position) }
            return position
        }
    }

    /// Writes `byte`'s two digits at `position` and moves it past them.
    static func put(_ byte: UInt8, into output: UnsafeMutableBufferPointer<UInt8>, at position: inout Int) {
        output[position] = digits[Int(byte >> 4)]
        output[position + 1] = digits[Int(byte & 0x0F)]
        position += 2
    }
}
