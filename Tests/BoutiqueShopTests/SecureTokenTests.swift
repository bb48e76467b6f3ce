import BoutiqueCore
import BoutiqueShop
import Testing

@Suite("Secure tokens")
struct SecureTokenTests {
    @Test("a token is 256 random bits in 43 URL- and cookie-safe characters, never twice the same")
    func tokens() {
        // act
        let tokens = (0..<10_000).map { _ in SecureToken.generate() }
        // check
        #expect(Set(tokens).count == tokens.count)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for token in tokens {
            #expect(token.count == 43)
            #expect(token.allSatisfy(allowed.contains))
        }
        // Every character of the alphabet turns up: the bytes are not biased towards a few.
        #expect(Set(tokens.joined()) == allowed)
    }

    @Test("POS keys keep their prefix and length")
    func posKeys() {
        let key = POSKeys.generate()
        #expect(key.hasPrefix(POSKeys.prefix))
        #expect(key.count == POSKeys.prefix.count + 43)
    }
}
