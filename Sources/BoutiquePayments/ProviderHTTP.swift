import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The outbound HTTP both provider clients share: one call with a deadline, the whole body read
/// (bounded), and every failure turned into a `PaymentProviderError`.
struct ProviderHTTP: Sendable {
    struct Reply: Sendable {
        let status: Int
        let body: Data
    }

    let client: HTTPClient
    let timeout: TimeAmount
    /// Provider answers are small JSON documents; a bigger one is not a provider's.
    static let maximumBody = 1 << 20

    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: Data? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: Self.maximumBody)
        } catch {
            throw PaymentProviderError(.transport, message: "\(method.rawValue) \(Self.redacted(url)) : \(error)")
        }
        return Reply(status: Int(response.status.code), body: Data(buffer: bytes))
    }

    /// Decodes a 2xx body, or throws the error the status means.
    static func decode<T: Decodable>(_ type: T.Type, from reply: Reply, decoder: JSONDecoder = JSONDecoder(),
                                     errorMessage: (Reply) -> String) throws -> T {
        guard (200..<300).contains(reply.status) else {
            throw PaymentProviderError.from(status: reply.status, message: errorMessage(reply))
        }
        do {
            return try decoder.decode(T.self, from: reply.body)
        } catch {
            throw PaymentProviderError(.invalidResponse, statusCode: reply.status,
                                       message: "réponse illisible (\(T.self)) : \(error)")
        }
    }

    /// The URL without its query string, for messages: queries may carry references.
    static func redacted(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }
}
