import BoutiqueCore
import BoutiqueTestSupport
import Foundation

/// A received message as Python's `email` package (policy `default`) understands it: an independent
/// MIME parser, so the tests do not check the writer with its own assumptions.
struct ParsedMail: Decodable {
    struct Attachment: Decodable {
        var filename: String?
        var contentType: String
        var base64: String
        var data: Data { Data(base64Encoded: base64) ?? Data() }
    }

    var subject: String
    var from: String
    var to: String
    var replyTo: String?
    var contentType: String
    var text: String?
    var html: String?
    var attachments: [Attachment]
    var defects: [String]
    var longestLine: Int
    var hasBareLineFeed: Bool
    var isASCII: Bool

    private static let script = #"""
    import base64, email, email.policy, json, sys
    raw = open(sys.argv[1], "rb").read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    def body(kind):
        part = message.get_body(preferencelist=(kind,))
        return None if part is None else part.get_content()
    attachments = [{
        "filename": part.get_filename(),
        "contentType": part.get_content_type(),
        "base64": base64.b64encode(part.get_payload(decode=True)).decode("ascii"),
    } for part in message.iter_attachments()]
    print(json.dumps({
        "subject": str(message["subject"]),
        "from": str(message["from"]),
        "to": str(message["to"]),
        "replyTo": None if message["reply-to"] is None else str(message["reply-to"]),
        "contentType": message.get_content_type(),
        "text": body("plain"),
        "html": body("html"),
        "attachments": attachments,
        "defects": [repr(d) for part in message.walk() for d in part.defects],
        "longestLine": max(len(line) for line in raw.split(b"\r\n")),
        "hasBareLineFeed": b"\n" in raw.replace(b"\r\n", b""),
        "isASCII": all(byte < 128 for byte in raw),
    }))
    """#

    static func parse(file path: String) async throws -> ParsedMail {
        let data = try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw TestSetupError("python3 email parser failed") }
            return data
        }
        return try JSONDecoder().decode(ParsedMail.self, from: data)
    }
}
