import NIOCore

/// Prepares message bytes for the DATA phase (RFC 5321 §4.5.2): every line ends with CRLF (a bare
/// LF or CR becomes CRLF), a line starting with `.` gets a second one, and `.` alone ends it all.
enum SMTPDataEncoder {
    static func encode(_ message: some Collection<UInt8>, into buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: message.count + message.count / 64 + 5)
        var atLineStart = true
        var previousWasCR = false
        for byte in message {
            switch byte {
            case UInt8(ascii: "\r"):
                buffer.writeStaticString("\r\n")
                atLineStart = true
                previousWasCR = true
                continue
            case UInt8(ascii: "\n"):
                // The LF of a CRLF was already written with its CR.
                if !previousWasCR { buffer.writeStaticString("\r\n") }
                atLineStart = true
            default:
                if atLineStart && byte == UInt8(ascii: ".") { buffer.writeInteger(UInt8(ascii: ".")) }
                buffer.writeInteger(byte)
                atLineStart = false
            }
            previousWasCR = false
        }
        if !atLineStart { buffer.writeStaticString("\r\n") }
        buffer.writeStaticString(".\r\n")
    }
}
