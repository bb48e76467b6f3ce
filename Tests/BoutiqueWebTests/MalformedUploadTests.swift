import BoutiqueCore
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Uploads are parsed by multipart-kit: a body that is not well-formed multipart is refused as
/// the client's error and changes nothing, whatever is wrong with it.
@Suite("Malformed uploads")
struct MalformedUploadTests {
    @Test("a staff list upload cut short, without parts or with a part without a name: 4xx, nothing imported",
          arguments: TestEngine.available)
    func refused(engine: TestEngine) async throws {
        try await withShop(engine) { client, database in
            // setup
            let manager = TestBrowser(client)
            _ = try await manager.logIn("gestion.alpha@demo.test")
            let token = try #require(manager.csrf)
            let boundary = "----boutiqueCassee"
            let bodies = [
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n\r\nemail;nom;prénom\r\na@b.fr;A;B",
                "rien de multipart ici",
                "--\(boundary)\r\nContent-Disposition: form-data\r\n\r\n\(token)\r\n--\(boundary)--\r\n",
            ]
            for body in bodies {
                // act
                var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
                headers[.cookie] = "boutique_session=\(manager.session ?? ""); boutique_csrf=\(token)"
                try await client.execute(uri: "/gestion/salaries/import", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    // check
                    #expect((400..<500).contains(response.status.code), "\(response.status) for \(body.prefix(40))")
                }
            }
            #expect(try await ExpectedEmployee.query(on: database.db).count() == 0)
        }
    }
}
