import BoutiqueCore
import Foundation
import NIOCore
import Testing

@testable import BoutiqueMail

struct SMTPDataEncoderTests {
    static func encode(_ text: String) -> String {
        var buffer = ByteBuffer()
        SMTPDataEncoder.encode(Data(text.utf8), into: &buffer)
        return String(buffer: buffer)
    }

    @Test func linesStartingWithADotAreDoubled() {
        // act
        let encoded = Self.encode("Subject: x\r\n\r\n.hello\r\n.\r\nmiddle . dot\r\n..\r\n")

        // check
        #expect(encoded == "Subject: x\r\n\r\n..hello\r\n..\r\nmiddle . dot\r\n...\r\n.\r\n")
    }

    @Test func bareLineFeedsAndCarriageReturnsBecomeCRLF() {
        // act
        let encoded = Self.encode("a\nb\rc\r\n.d\n")

        // check
        #expect(encoded == "a\r\nb\r\nc\r\n..d\r\n.\r\n")
    }

    @Test func missingFinalLineEndIsAdded() {
        // act
        let encoded = Self.encode("last line")
        let empty = Self.encode("")

        // check
        #expect(encoded == "last line\r\n.\r\n")
        #expect(empty == ".\r\n")
    }
}
