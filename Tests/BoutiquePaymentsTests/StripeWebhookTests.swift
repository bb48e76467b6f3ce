import BoutiqueCore
import BoutiquePayments
import BoutiqueTestSupport
import Foundation
import Testing

/// Stripe-Signature checks against signatures computed by another implementation (Python's hmac).
@Suite("Stripe webhook signatures")
struct StripeWebhookTests {
    static let secret = "whsec_test_boutique"
    static let now = Date(timeIntervalSince1970: 1_767_225_600)
    static var timestamp: Int { Int(now.timeIntervalSince1970) }

    static func event(_ type: String, paymentStatus: String = "paid") -> Data {
        Data("""
            {"id": "evt_1", "object": "event", "type": "\(type)", "created": \(timestamp),
             "data": {"object": {"id": "cs_test_326", "object": "checkout.session", "payment_status": "\(paymentStatus)"}}}
            """.utf8)
    }

    @Test("A valid signature gives the event")
    func valid() async throws {
        // setup
        let body = Self.event("checkout.session.completed")
        let header = "t=\(Self.timestamp),v1=\(try await ExternalHMAC.sha256(key: Self.secret, message: "\(Self.timestamp).", body))"

        // act
        let event = try StripeWebhook.verify(payload: body, signatureHeader: header, secret: Self.secret, now: Self.now)

        // check
        #expect(event == StripeEvent(id: "evt_1", type: "checkout.session.completed", kind: .checkoutSessionCompleted,
                                     sessionID: "cs_test_326", paymentStatus: "paid"))
    }

    @Test("Rejected: wrong secret, tampered body, timestamp out of tolerance, malformed header")
    func rejected() async throws {
        // setup
        let body = Self.event("checkout.session.completed")
        let good = try await ExternalHMAC.sha256(key: Self.secret, message: "\(Self.timestamp).", body)
        let wrongSecret = try await ExternalHMAC.sha256(key: "whsec_other", message: "\(Self.timestamp).", body)
        let old = Self.timestamp - 301
        let oldSignature = try await ExternalHMAC.sha256(key: Self.secret, message: "\(old).", body)
        let tampered = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\"paid\"", with: "\"unpaid\"").utf8)

        // act
        func failure(_ payload: Data, _ header: String) -> StripeWebhook.Failure? {
            do {
                _ = try StripeWebhook.verify(payload: payload, signatureHeader: header, secret: Self.secret, now: Self.now)
                return nil
            } catch {
                return error
            }
        }

        // check
        #expect(failure(body, "t=\(Self.timestamp),v1=\(wrongSecret)") == .signature(.signatureMismatch))
        #expect(failure(tampered, "t=\(Self.timestamp),v1=\(good)") == .signature(.signatureMismatch))
        #expect(failure(body, "t=\(old),v1=\(oldSignature)") == .signature(.timestampOutsideTolerance))
        #expect(failure(body, "v1=\(good)") == .signature(.malformedHeader))
        #expect(failure(body, "t=\(Self.timestamp)") == .signature(.malformedHeader))
        #expect(failure(body, "") == .signature(.malformedHeader))
        #expect(failure(body, "t=\(Self.timestamp),v1=zz") == .signature(.malformedHeader))
    }

    @Test("Several v1 values (a secret being rolled): accepted when any one matches")
    func severalSignatures() async throws {
        // setup
        let body = Self.event("checkout.session.async_payment_succeeded")
        let good = try await ExternalHMAC.sha256(key: Self.secret, message: "\(Self.timestamp).", body)
        let other = try await ExternalHMAC.sha256(key: "whsec_old", message: "\(Self.timestamp).", body)
        let header = "t=\(Self.timestamp),v1=\(other),v0=\(String(repeating: "0", count: 64)),v1=\(good)"

        // act
        let event = try StripeWebhook.verify(payload: body, signatureHeader: header, secret: Self.secret, now: Self.now)

        // check
        #expect(event.kind == .checkoutSessionAsyncPaymentSucceeded)
        #expect(event.sessionID == "cs_test_326")
    }

    @Test("At the tolerance edge (300 s) still valid; the three checkout events and others are told apart")
    func kinds() async throws {
        // setup
        let edge = Self.now.addingTimeInterval(300)
        let cases: [(String, StripeEvent.Kind)] = [
            ("checkout.session.completed", .checkoutSessionCompleted),
            ("checkout.session.async_payment_succeeded", .checkoutSessionAsyncPaymentSucceeded),
            ("checkout.session.async_payment_failed", .checkoutSessionAsyncPaymentFailed),
            ("checkout.session.expired", .other("checkout.session.expired")),
        ]

        // act
        var events: [StripeEvent] = []
        for (type, _) in cases {
            let body = Self.event(type, paymentStatus: "unpaid")
            let header = "t=\(Self.timestamp),v1=\(try await ExternalHMAC.sha256(key: Self.secret, message: "\(Self.timestamp).", body))"
            events.append(try StripeWebhook.verify(payload: body, signatureHeader: header, secret: Self.secret, now: edge))
        }

        // check
        #expect(events.map(\.kind) == cases.map(\.1))
        #expect(events.allSatisfy { $0.paymentStatus == "unpaid" })
    }

    @Test("The sandbox's notification signature uses the same scheme")
    func sandboxNotification() async throws {
        // setup
        let body = Data(#"{"token":"AbC123"}"#.utf8)
        let header = "t=\(Self.timestamp),v1=\(try await ExternalHMAC.sha256(key: "merchant-secret", message: "\(Self.timestamp).", body))"

        // act
        let token = try SandboxNotification.verify(payload: body, signatureHeader: header, secret: "merchant-secret", now: Self.now)
        let signed = WebhookSignature.sign(payload: body, secret: "merchant-secret", timestamp: Self.now)

        // check
        #expect(token == "AbC123")
        #expect(signed == header)
    }
}

/// HMAC-SHA256 computed by Python's standard library, not by the code under test.
enum ExternalHMAC {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func sha256(key: String, message prefix: String, _ body: Data) async throws -> String {
        try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c",
                                 "import hmac,hashlib,sys; print(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).hexdigest())",
                                 key]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(prefix.utf8) + body)
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw Failure(description: "python3 a échoué (\(process.terminationStatus))") }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
