import NIOCore

/// A server reply that does not follow RFC 5321 §4.2 (the connection cannot be trusted after it).
struct SMTPProtocolError: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Decodes bytes into ``SMTPReply`` values: lines `CODE-text` continue a reply, `CODE text` (or a
/// bare `CODE`) ends it.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// A line longer than this is not SMTP (RFC 5321 allows 512); refusing it bounds memory use.
    static let maxLineLength = 4096

    private var pendingLines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let reply = try Self.parse(&buffer, pendingLines: &pendingLines) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// Reads whole lines from `buffer` until a reply is complete; `nil` when more bytes are needed.
    /// Lines of an unfinished multi-line reply are kept in `pendingLines`.
    static func parse(_ buffer: inout ByteBuffer, pendingLines: inout [String]) throws -> SMTPReply? {
        while let line = try readLine(&buffer) {
            let (code, isLast, text) = try parseLine(line)
            pendingLines.append(text)
            if isLast {
                defer { pendingLines = [] }
                return SMTPReply(code: code, lines: pendingLines)
            }
        }
        return nil
    }

    private static func readLine(_ buffer: inout ByteBuffer) throws -> String? {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            guard buffer.readableBytes <= maxLineLength else {
                throw SMTPProtocolError(description: "server sent a line longer than \(maxLineLength) bytes")
            }
            return nil
        }
        let length = newline - buffer.readerIndex
        guard var line = buffer.readString(length: length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    private static func parseLine(_ line: String) throws -> (code: Int, isLast: Bool, text: String) {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200..<600).contains(code)
        else {
            throw SMTPProtocolError(description: "server sent a line that is not an SMTP reply: \(line.prefix(80))")
        }
        guard bytes.count > 3 else { return (code, true, "") }
        let separator = bytes[3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPProtocolError(description: "server sent a malformed SMTP reply: \(line.prefix(80))")
        }
        let text = String(decoding: bytes[4...], as: UTF8.self)
        return (code, separator == UInt8(ascii: " "), text)
    }
}
