import BoutiqueCore
import Foundation
import Testing

@Suite("Identifiers and hex")
struct IdentifierTests {
    @Test("random UUIDs are version 4, distinct, and their lowercase text is Foundation's")
    func randomUUIDs() {
        // act
        let ids = (0..<10_000).map { _ in UUID.random() }
        // check
        #expect(Set(ids).count == 10_000)
        for id in ids.prefix(500) {
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(id.lowercasedString.dropFirst(14).first == "4")
            #expect("89ab".contains(id.lowercasedString.dropFirst(19).first ?? "x"))
        }
    }

    @Test("hex text of bytes")
    func hex() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
