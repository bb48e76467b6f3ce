import Foundation

/// Reads a ZIP of stored entries, as « Mes données » writes it: walks the central directory,
/// checks each local header against it and each entry's CRC-32. A reader of our own, so that
/// the web tests need no outside tool; the documents' tests check the format with unzip and Python.
struct StoredZIP {
    struct Malformed: Error, CustomStringConvertible { let description: String }

    let entries: [(name: String, bytes: [UInt8])]

    init(_ bytes: [UInt8]) throws {
        func u16(_ at: Int) throws -> Int {
            guard at + 2 <= bytes.count else { throw Malformed(description: "truncated at \(at)") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { let low = try u16(at), high = try u16(at + 2); return low | high << 16 }
        let end = bytes.count - 22
        guard end >= 0, (try u32(end)) == 0x0605_4B50 else { throw Malformed(description: "no end of central directory") }
        var offset = try u32(end + 16)
        var entries: [(String, [UInt8])] = []
        for _ in 0..<(try u16(end + 10)) {
            guard try u32(offset) == 0x0201_4B50, try u16(offset + 10) == 0 else { throw Malformed(description: "bad central record") }
            let crc = try u32(offset + 16), size = try u32(offset + 20), nameLength = try u16(offset + 28)
            let local = try u32(offset + 42)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            guard try u32(local) == 0x0403_4B50, try u32(local + 14) == crc, try u16(local + 26) == nameLength else {
                throw Malformed(description: "local header of \(name) disagrees")
            }
            let start = local + 30 + nameLength + (try u16(local + 28))
            let data = Array(bytes[start..<(start + size)])
            guard Self.crc32(data) == UInt32(crc) else { throw Malformed(description: "CRC of \(name)") }
            entries.append((name, data))
            offset += 46 + nameLength + (try u16(offset + 30)) + (try u16(offset + 32))
        }
        self.entries = entries
    }

    /// Bit by bit, independent of the writer's table.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    var names: [String] { entries.map(\.name) }

    func file(_ name: String) -> [UInt8]? { entries.first { $0.name == name }?.bytes }

    func text(_ name: String) -> String? { file(name).map { String(decoding: $0, as: UTF8.self) } }
}
