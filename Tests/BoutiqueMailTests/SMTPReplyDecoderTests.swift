import BoutiqueCore
import NIOCore
import Testing

@testable import BoutiqueMail

struct SMTPReplyDecoderTests {
    @Test func multiLineReplyIsOneReply() throws {
        // setup
        var buffer = ByteBuffer(string: "250-smtp.example.fr\r\n250-AUTH PLAIN LOGIN\r\n250-SIZE 1000\r\n250 STARTTLS\r\n220 next")
        var pending: [String] = []

        // act
        let reply = try SMTPReplyDecoder.parse(&buffer, pendingLines: &pending)
        let incomplete = try SMTPReplyDecoder.parse(&buffer, pendingLines: &pending)

        // check
        #expect(reply == SMTPReply(code: 250, lines: ["smtp.example.fr", "AUTH PLAIN LOGIN", "SIZE 1000", "STARTTLS"]))
        #expect(incomplete == nil)
        #expect(buffer.readableBytes == "220 next".utf8.count)
    }

    @Test func replyArrivingInPiecesIsAssembled() throws {
        // setup
        var pending: [String] = []
        var first = ByteBuffer(string: "451-first\r\n451 sec")
        var second = ByteBuffer(string: "ond\r\n")

        // act
        let early = try SMTPReplyDecoder.parse(&first, pendingLines: &pending)
        var rest = ByteBuffer(buffer: first)
        rest.writeBuffer(&second)
        let reply = try SMTPReplyDecoder.parse(&rest, pendingLines: &pending)

        // check
        #expect(early == nil)
        #expect(reply == SMTPReply(code: 451, lines: ["first", "second"]))
        #expect(reply?.isTransientFailure == true)
    }

    @Test func bareCodeAndLFOnlyAreAccepted() throws {
        // setup
        var buffer = ByteBuffer(string: "354\n")
        var pending: [String] = []

        // act
        let reply = try SMTPReplyDecoder.parse(&buffer, pendingLines: &pending)

        // check
        #expect(reply == SMTPReply(code: 354, lines: [""]))
    }

    @Test func garbageIsAProtocolError() {
        // setup
        var buffer = ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n")
        var pending: [String] = []

        // act / check
        #expect(throws: SMTPProtocolError.self) { try SMTPReplyDecoder.parse(&buffer, pendingLines: &pending) }
    }

    @Test func capabilitiesAreReadFromTheEHLOReply() {
        // setup
        let reply = SMTPReply(code: 250, lines: ["smtp.example.fr Hello", "auth login Plain", "AUTH=XOAUTH2", "SIZE 35882577", "STARTTLS"])

        // act
        let capabilities = SMTPCapabilities(ehloReply: reply)

        // check
        #expect(capabilities.keywords == ["AUTH", "SIZE", "STARTTLS"])
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN", "XOAUTH2"])
        #expect(capabilities.maxMessageSize == 35_882_577)
    }
}
