import Foundation

/// A ZIP archive (PKWARE APPNOTE 6.3) of stored, uncompressed entries: what « Mes données » and
/// the wallet passes need. The files are small text and already-compressed documents, so
/// deflating would add a dependency for little; every reader (unzip, Python, Windows, macOS)
/// opens stored entries.
///
/// Each entry has its local header, its bytes, and a central-directory record; names are UTF-8
/// with general-purpose bit 11 set, so « LISEZMOI.txt » or « Données.json » keep their accents.
/// No ZIP64: an archive and each entry stay below 4 GiB and 65,535 entries (checked).
public struct ZIPArchive: Sendable {
    /// One file of the archive.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let bytes: [UInt8]
        public let modified: Date

        public init(name: String, bytes: [UInt8], modified: Date) {
            self.name = name
            self.bytes = bytes
            self.modified = modified
        }
    }

    public enum Failure: Error, Equatable {
        /// Empty, absolute, with `..` or a backslash, or too long: readers would refuse or misplace it.
        case invalidName(String)
        case duplicateName(String)
        /// Past the 32-bit sizes and offsets of a ZIP without ZIP64.
        case tooLarge
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Adds a file; `name` is a relative path with `/` separators.
    public mutating func add(_ name: String, bytes: [UInt8], modified: Date) throws {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 0xFFFF, !name.hasPrefix("/"), !name.contains("\\"),
              !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." }) else { throw Failure.invalidName(name) }
        guard !entries.contains(where: { $0.name == name }) else { throw Failure.duplicateName(name) }
        guard entries.count < 0xFFFF, bytes.count < Int(UInt32.max) else { throw Failure.tooLarge }
        entries.append(Entry(name: name, bytes: bytes, modified: modified))
    }

    public mutating func add(_ name: String, text: String, modified: Date) throws {
        try add(name, bytes: Array(text.utf8), modified: modified)
    }

    /// The archive's bytes.
    public func bytes() throws -> [UInt8] {
        var out = ZIPBytes()
        var central = ZIPBytes()
        for entry in entries {
            let offset = out.count
            guard offset < Int(UInt32.max) else { throw Failure.tooLarge }
            let header = EntryHeader(entry)
            out.appendLocalHeader(header)
            out.append(entry.bytes)
            central.appendCentralRecord(header, localOffset: UInt32(offset))
        }
        let directoryOffset = out.count
        guard directoryOffset + central.count < Int(UInt32.max) else { throw Failure.tooLarge }
        out.append(central.bytes)
        out.appendEnd(entries: UInt16(entries.count), directorySize: UInt32(central.count), directoryOffset: UInt32(directoryOffset))
        return out.bytes
    }

    /// What the local header and the central record repeat.
    struct EntryHeader {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt32
        let time: UInt16
        let date: UInt16

        init(_ entry: Entry) {
            name = Array(entry.name.utf8)
            crc = CRC32.checksum(entry.bytes)
            size = UInt32(entry.bytes.count)
            (time, date) = DOSDateTime.encode(entry.modified)
        }
    }
}
