import BoutiqueCore
import Foundation
import Testing

@Suite("URL-safe base64 and secure random bytes")
struct Base64URLTests {
    @Test("RFC 4648 test vectors, without padding")
    func vectors() {
        let expected = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (text, encoded) in expected {
            #expect(Base64URL.encode(Array(text.utf8)) == encoded)
        }
        // The two characters that differ from standard base64.
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test("any bytes encode as Foundation's base64 with - and _ and no padding")
    func matchesFoundation() {
        for count in 0..<70 {
            let bytes = SecureRandom.bytes(count)
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == foundation)
        }
    }

    @Test("random bytes differ from call to call and cover every byte value")
    func randomBytes() {
        let samples = (0..<1_000).map { _ in SecureRandom.bytes(32) }
        #expect(Set(samples).count == 1_000)
        #expect(Set(samples.joined()).count == 256)
        #expect(SecureRandom.bytes(0).isEmpty)
    }
}
