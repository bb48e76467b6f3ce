import Foundation

/// Checks a sandbox notification before asking for the details it announces.
public enum SandboxNotification {
    /// The token of a notification whose `Sandbox-Signature` header is valid for `secret`.
    ///
    /// A valid signature only proves the sandbox sent it; the payment's state still comes from
    /// `paymentDetails(reference:)`.
    public static func verify(payload: Data, signatureHeader: String, secret: String, tolerance: TimeInterval = 300,
                              now: Date = Date()) throws -> String {
        try WebhookSignature.verify(payload: payload, header: signatureHeader, secret: secret, tolerance: tolerance, now: now)
        return try JSONDecoder().decode(SandboxAPI.Notification.self, from: payload).token
    }
}
