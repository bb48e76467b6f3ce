import BoutiqueCore
import Foundation

/// A self-signed certificate for 127.0.0.1, made with the openssl CLI in a temporary folder.
struct TestCertificate {
    let certificatePath: String
    let keyPath: String

    static func make() async throws -> TestCertificate {
        try await SMTPTestTools.requireAll()
        let directory = try makeTemporaryDirectory(prefix: "smtp-cert")
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        // The IP SAN is needed: like browsers, NIOSSL never matches an IP against the CN.
        let status = try await SMTPTestTools.run([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key, "-out", certificate,
        ])
        guard status == 0 else { throw TestSetupError("openssl req failed with status \(status)") }
        return TestCertificate(certificatePath: certificate, keyPath: key)
    }

    var serverOptions: [String] { ["--tls-cert", certificatePath, "--tls-key", keyPath] }
}
