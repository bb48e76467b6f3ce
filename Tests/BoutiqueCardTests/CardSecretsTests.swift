import BoutiqueCore
import BoutiqueShop
import Foundation
import Testing

@Suite("Card secrets")
struct CardSecretsTests {
    /// Known answers computed outside Swift (Python: HKDF-SHA256 without salt, info
    /// "boutique.cards.lookup.v1", then HMAC-SHA256 of the digits). A change here would make every
    /// card already issued unfindable at the till.
    @Test("a card number's look-up hash is the HMAC of its digits under the derived key, call after call")
    func lookupHashKnownAnswers() throws {
        // setup
        let secrets = try CardSecrets(secret: Data(0..<32))
        let first = try CardNumber("5041234567890123453"), second = try CardNumber("5041000000000000009")
        // act
        let hashes = [secrets.lookupHash(first), secrets.lookupHash(second), secrets.lookupHash(first)]
        // check
        let hex = hashes.map { $0.withUnsafeBytes { Hex.lowercase($0) } }
        #expect(hex[0] == "e5b7268c584248ef8e368c366482540032806b50fdbf2da68190e8255ed70f9b")
        #expect(hex[1] == "503696d2ccb3d3c46dd009c38c22508479a02529acd245ef1d927a188e210836")
        #expect(hex[2] == hex[0])
    }
}
