import Foundation

/// A file attached to a message, such as an e-card PDF.
public struct MailAttachment: Sendable, Codable, Hashable {
    /// The file name proposed to the recipient; any Unicode text.
    public var filename: String
    /// The MIME type, such as `application/pdf`; an invalid one is sent as `application/octet-stream`.
    public var contentType: String
    /// The file's bytes.
    public var data: Data

    /// Creates an attachment.
    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}
