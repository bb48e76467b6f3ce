import BoutiqueCore
@testable import BoutiquePOS
import Foundation
import Testing

@Suite("POS API formats")
struct POSFormatTests {
    @Test("dates are written exactly as ISO8601DateFormatter writes them, to the second in UTC")
    func dates() throws {
        // setup: instants over four centuries, leap days, the epoch, before it, and fractions
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        var instants: [Double] = [0, -1, 951_782_400, 1_796_115_600.999, 4_107_542_399, -2_208_988_800, 1_709_164_800]
        instants += (0..<2_000).map { _ in Double(Int64.random(in: -6_000_000_000...12_000_000_000, using: &generator)) / 1.000_7 }
        // act / check
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(POSDateTranscoder.format(date) == formatter.string(from: date), "\(instant)")
        }
    }

    @Test("the bearer key is read whatever the scheme's case and the spaces around it")
    func bearer() {
        #expect(POSAuthMiddleware.bearer("Bearer abc") == "abc")
        #expect(POSAuthMiddleware.bearer("bearer   abc  ") == "abc")
        #expect(POSAuthMiddleware.bearer("BEARER abc.def-é") == "abc.def-é")
        #expect(POSAuthMiddleware.bearer("Bearer") == nil)
        #expect(POSAuthMiddleware.bearer("Bearer    ") == nil)
        #expect(POSAuthMiddleware.bearer("Basic abc") == nil)
        #expect(POSAuthMiddleware.bearer("Bearerabc") == nil)
        #expect(POSAuthMiddleware.bearer(nil) == nil)
        #expect(POSAuthMiddleware.bearer("Bearer " + String(repeating: "k", count: 600)) == nil)
    }
}
