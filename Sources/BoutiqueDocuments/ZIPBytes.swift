/// Little-endian writing of the ZIP records.
struct ZIPBytes {
    private(set) var bytes: [UInt8] = []
    var count: Int { bytes.count }

    /// Version 2.0 (what stored entries with a UTF-8 name need), bit 11 (UTF-8 name), method 0 (stored).
    static let version: UInt16 = 20, utf8Flag: UInt16 = 1 << 11, stored: UInt16 = 0

    mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    mutating func appendLocalHeader(_ header: ZIPArchive.EntryHeader) {
        append32(0x0403_4B50)
        append16(Self.version)
        appendCommonFields(header)
        append16(0)  // extra field length
        append(header.name)
    }

    mutating func appendCentralRecord(_ header: ZIPArchive.EntryHeader, localOffset: UInt32) {
        append32(0x0201_4B50)
        append16(0x0300 | Self.version)  // made by: Unix, so readers take the permissions below
        append16(Self.version)
        appendCommonFields(header)
        append16(0)  // extra field length
        append16(0)  // comment length
        append16(0)  // disk number
        append16(0)  // internal attributes
        append32(0o100644 << 16)  // external attributes: a regular file, rw-r--r--
        append32(localOffset)
        append(header.name)
    }

    /// Flags, method, time, date, CRC, sizes and the name's length: the same in both records.
    private mutating func appendCommonFields(_ header: ZIPArchive.EntryHeader) {
        append16(Self.utf8Flag)
        append16(Self.stored)
        append16(header.time)
        append16(header.date)
        append32(header.crc)
        append32(header.size)  // compressed: stored, the same
        append32(header.size)
        append16(UInt16(header.name.count))
    }

    mutating func appendEnd(entries: UInt16, directorySize: UInt32, directoryOffset: UInt32) {
        append32(0x0605_4B50)
        append16(0)  // this disk
        append16(0)  // disk with the directory
        append16(entries)
        append16(entries)
        append32(directorySize)
        append32(directoryOffset)
        append16(0)  // comment length
    }
}
