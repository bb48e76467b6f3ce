import Foundation
import HTTPTypes
import OpenAPIRuntime

/// What a till may send: a JSON body (415 otherwise) of at most `limit` bytes (413), refused
/// before the key is even checked. The body is read here up to the limit and no further, so a
/// 200 MB request costs 8 KB of memory, not 200 MB (the generated code would read it whole).
struct POSBodyMiddleware: ServerMiddleware {
    let limit: Int

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        guard [.post, .put, .patch].contains(request.method) else { return try await next(request, body, metadata) }
        guard !Self.jsonOperations.contains(operationID) || Self.isJSON(request.headerFields[.contentType]) else {
            return POSProblem.raw(status: 415, code: "unsupported_media_type", title: "Unsupported Media Type",
                                  detail: "Corps attendu en JSON : envoyez l'en-tête Content-Type: application/json.")
        }
        if let length = request.headerFields[.contentLength].flatMap(Int.init), length > limit { return tooLarge() }
        guard let body else { return try await next(request, nil, metadata) }
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else { return tooLarge() }
            bytes.append(contentsOf: chunk)
        }
        return try await next(request, HTTPBody(bytes), metadata)
    }

    private func tooLarge() -> (HTTPResponse, HTTPBody?) {
        POSProblem.raw(status: 413, code: "payload_too_large", title: "Content Too Large",
                       detail: "Corps de requête trop grand : \(limit) octets au plus.")
    }

    /// The operations whose body is a JSON document (a reversal has none).
    static let jsonOperations: Set<String> = ["lookupCard", "redeem"]

    /// `application/json`, any case, parameters (charset) allowed.
    /// Byte by byte, like the bearer key: on every till request, Foundation's trimming and
    /// lower-casing go through NSString.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
            .drop { $0 == UInt8(ascii: " ") }.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()
        let expected = "application/json".utf8
        return mediaType.count == expected.count
            && zip(mediaType, expected).allSatisfy { byte, wanted in ((65...90).contains(byte) ? byte + 32 : byte) == wanted }
    }
}
