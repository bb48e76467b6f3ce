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

    @Test("time-ordered UUIDs are version 7, carry their millisecond and sort in creation order")
    func timeOrdered() {
        // setup
        let start = Date(timeIntervalSince1970: 1_796_115_600.123)
        // act
        let ids = (0..<1_000).map { UUID.timeOrdered(at: start.addingTimeInterval(Double($0) / 100)) }
        // check
        #expect(ids.map(\.lowercasedString) == ids.map(\.lowercasedString).sorted())
        #expect(Set(ids).count == 1_000)
        #expect(ids[0].lowercasedString.hasPrefix("01a230d5-12fb"))  // 1796115600123 ms = 0x01A230D512FB
        #expect(ids.allSatisfy { $0.lowercasedString.dropFirst(14).first == "7" })
        #expect(ids.allSatisfy { "89ab".contains($0.lowercasedString.dropFirst(19).first ?? "x") })
    }

    @Test("hex text of bytes")
    func hex() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
