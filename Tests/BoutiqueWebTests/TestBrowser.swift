import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A browser over the router test client: keeps cookies, sends forms with the CSRF token.
final class TestBrowser: Sendable {
    let client: any TestClientProtocol
    /// Sent with every request, e.g. the `X-Forwarded-For` a proxy adds.
    let headers: HTTPFields
    private let jar = Mutex<[String: String]>([:])

    init(_ client: any TestClientProtocol, headers: HTTPFields = [:]) {
        self.client = client
        self.headers = headers
    }

    var csrf: String? { jar.withLock { $0["boutique_csrf"] } }
    var session: String? { jar.withLock { $0["boutique_session"] } }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader(), body: nil)
        keep(response)
        return response
    }

    /// Posts a URL-encoded form; `csrf: nil` sends the jar's token, `""` sends none.
    @discardableResult
    func post(_ uri: String, _ fields: [String: String], csrf: String? = nil) async throws -> TestResponse {
        try await post(uri, pairs: fields.map { ($0.key, $0.value) }, csrf: csrf)
    }

    /// Posts fields in order, a name possibly repeated (`employees[]`), as a browser sends checkboxes.
    @discardableResult
    func post(_ uri: String, pairs fields: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        if self.csrf == nil { try await get("/connexion") }
        var all = fields
        let token = csrf ?? self.csrf ?? ""
        if !token.isEmpty { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = cookieHeader()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// Posts a `multipart/form-data` form with one file field, as a browser uploads a CSV.
    @discardableResult
    func upload(_ uri: String, file field: String, filename: String, bytes: [UInt8], fields: [String: String] = [:]) async throws -> TestResponse {
        if self.csrf == nil { try await get("/connexion") }
        let boundary = "----boutique\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields.merging(["_csrf": csrf ?? ""], uniquingKeysWith: { $1 }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n")
        body.writeString("Content-Type: text/csv\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = cookieHeader()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
        keep(response)
        return response
    }

    func logIn(_ email: String, password: String = DemoData.password) async throws -> TestResponse {
        try await post("/connexion", ["email": email, "password": password])
    }

    private func cookieHeader() -> HTTPFields {
        let cookies = jar.withLock { $0.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        var headers = self.headers
        if !cookies.isEmpty { headers[.cookie] = cookies }
        return headers
    }

    private func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]), value = String(pair[1])
            jar.withLock { jar in
                if value.isEmpty || header.contains("Max-Age=0") { jar[name] = nil } else { jar[name] = value }
            }
        }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._*"))) ?? text
    }
}

/// Runs the queued jobs (e-mails go to the built-in mailbox) and reads the mailbox.
struct TestMail {
    let database: BoutiqueDatabase

    func deliver() async throws {
        let composer = try await MailComposer(settings: MailSettings())
        let gifts = testCardSecrets.map { CardGifts(cards: MyCards(database: database, secrets: $0), composer: composer) }
        let dotations = try testCardSecrets.map {
            DotationIssuance(database: database, issuer: CardIssuer(database: database, secrets: $0, prefix: try CardIssuerPrefix("5032")),
                             composer: composer)
        }
        let worker = JobWorker(queue: JobQueue(database: database),
                               registry: ShopJobs.registry(database: database, mail: Mailbox(database: database), gifts: gifts,
                                                           dotations: dotations),
                               logger: .init(label: "test.mail"))
        try await worker.drain()
    }

    /// The newest message to `address`, after delivering what is queued.
    func last(to address: String) async throws -> MailMessage? {
        try await deliver()
        return try await Mailbox(database: database).list().first { $0.message.to.contains { $0.email == address } }?.message
    }

    /// The path and query of the first link of `message` that starts with `prefix`.
    static func link(in message: MailMessage?, path prefix: String) -> String? {
        guard let text = message?.text, let start = text.range(of: "http://127.0.0.1:8080\(prefix)") else { return nil }
        let link = text[start.lowerBound...].prefix { !$0.isWhitespace }
        return String(link.dropFirst("http://127.0.0.1:8080".count))
    }
}
