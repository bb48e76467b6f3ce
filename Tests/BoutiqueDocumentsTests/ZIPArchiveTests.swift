import BoutiqueDocuments
import Foundation
import Testing

extension ExternalTool {
    static let unzip = ExternalTool(name: "unzip", debianPackage: "unzip")
    static let python3 = ExternalTool(name: "python3", debianPackage: "python3")
}

/// The archive « Mes données » downloads (and, later, the wallet passes), read by real readers.
@Suite("ZIP archives")
struct ZIPArchiveTests {
    /// 10:15:42 in Paris on 7 December 2026 (UTC+1).
    static let modified = Date(timeIntervalSince1970: 1_796_634_942)

    static func sample() throws -> ZIPArchive {
        var archive = ZIPArchive()
        try archive.add("LISEZMOI.txt", text: "Vos données personnelles.\n", modified: modified)
        try archive.add("données/profil.json", text: "{\"prénom\":\"Zoé\"}", modified: modified)
        try archive.add("vide.csv", bytes: [], modified: modified)
        // Bytes of every value, and more than one CRC table lap.
        try archive.add("binaire.bin", bytes: (0..<1_000).map { UInt8($0 % 256) }, modified: modified)
        return archive
    }

    @Test("CRC-32 matches the check value of the standard (\"123456789\" → CBF43926)")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("unzip -t finds every entry intact and lists the accented names as written",
          .enabled(if: ExternalTool.shouldRun(.unzip), ExternalTool.skipComment(.unzip)))
    func unzipTests() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            _ = try directory.writing(try Self.sample().bytes(), to: "export.zip")
            // act
            let tested = try await ExternalTool.unzip.run(["-t", "export.zip"], in: directory)
            let listed = try await ExternalTool.unzip.run(["-Z1", "export.zip"], in: directory)
            // check
            #expect(tested.contains("No errors detected in compressed data of export.zip."))
            #expect(listed.split(separator: "\n") == ["LISEZMOI.txt", "données/profil.json", "vide.csv", "binaire.bin"])
        }
    }

    @Test("Python's zipfile reads the same bytes, UTF-8 names, the stored method and the Paris time back",
          .enabled(if: ExternalTool.shouldRun(.python3), ExternalTool.skipComment(.python3)))
    func pythonReads() async throws {
        try await withTemporaryDirectory { directory in
            // setup
            let archive = try Self.sample()
            _ = try directory.writing(try archive.bytes(), to: "export.zip")
            let script = """
                import base64, json, zipfile
                with zipfile.ZipFile("export.zip") as z:
                    assert z.testzip() is None
                    print(json.dumps([[i.filename, i.compress_type, i.flag_bits & 0x800, list(i.date_time),
                                       base64.b64encode(z.read(i)).decode()] for i in z.infolist()]))
                """
            try script.write(to: directory.appendingPathComponent("read.py"), atomically: true, encoding: .utf8)
            // act
            let output = try await ExternalTool.python3.run(["read.py"], in: directory)
            // check
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
            #expect(rows.map { $0[0] as? String } == archive.entries.map(\.name))
            #expect(rows.allSatisfy { $0[1] as? Int == 0 && $0[2] as? Int == 0x800 })
            #expect(rows.allSatisfy { ($0[3] as? [Int]) == [2026, 12, 7, 10, 15, 42] })
            #expect(rows.map { $0[4] as? String } == archive.entries.map { Data($0.bytes).base64EncodedString() })
        }
    }

    @Test("names a reader would misplace or refuse are refused, and a name is used once", arguments: [
        "", "/etc/passwd", "../dehors.txt", "a/../../b", "dossier\\fichier", "a//b", "dossier/",
    ])
    func refusedNames(name: String) throws {
        var archive = ZIPArchive()
        #expect(throws: ZIPArchive.Failure.invalidName(name)) { try archive.add(name, text: "x", modified: Self.modified) }
        try archive.add("a.txt", text: "x", modified: Self.modified)
        #expect(throws: ZIPArchive.Failure.duplicateName("a.txt")) { try archive.add("a.txt", text: "y", modified: Self.modified) }
        #expect(archive.entries.count == 1)
    }
}
