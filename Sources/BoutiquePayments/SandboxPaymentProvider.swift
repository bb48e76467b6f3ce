import AsyncHTTPClient
import Foundation
import NIOCore

/// Client of the built-in sandbox provider's merchant API (see `SandboxAPI`), authenticated with
/// the merchant id and secret (HTTP Basic), like Monext/Payline's web payment API.
public struct SandboxPaymentProvider: PaymentProvider {
    /// The sandbox's base URL, mount prefix included: `http://127.0.0.1:8080/_sandbox/psp`.
    public let baseURL: String
    public let merchantID: String
    private let secret: String
    private let http: ProviderHTTP

    /// - Parameters:
    ///   - baseURL: where the sandbox listens, with its prefix, without a trailing slash.
    ///   - timeout: for each call, connection included.
    public init(baseURL: String, merchantID: String, secret: String, httpClient: HTTPClient = .shared,
                timeout: TimeAmount = .seconds(10)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.merchantID = merchantID
        self.secret = secret
        self.http = ProviderHTTP(client: httpClient, timeout: timeout)
    }

    public func createPayment(_ request: PaymentRequest) async throws -> PaymentCreation {
        let body = SandboxAPI.CreateRequest(
            amount: request.amount, currency: request.currency, orderReference: request.orderReference,
            beneficiary: request.beneficiary, customerEmail: request.customerEmail, returnURL: request.returnURL,
            cancelURL: request.cancelURL, notificationURL: request.notificationURL)
        let reply = try await http.send(.POST, "\(baseURL)/v1/web-payments", headers: headers(json: true),
                                        body: try JSONEncoder().encode(body))
        let creation = try ProviderHTTP.decode(SandboxAPI.Creation.self, from: reply, errorMessage: Self.problemText)
        return PaymentCreation(reference: creation.token, redirectURL: creation.redirectURL)
    }

    public func paymentDetails(reference: String) async throws -> PaymentDetails {
        let reply = try await http.send(.GET, "\(baseURL)/v1/web-payments/\(try Self.pathSafe(reference))", headers: headers(json: false))
        let details = try ProviderHTTP.decode(SandboxAPI.Details.self, from: reply, errorMessage: Self.problemText)
        guard let status = PaymentStatus(rawValue: details.status) else {
            throw PaymentProviderError(.invalidResponse, statusCode: reply.status, message: "statut inconnu « \(details.status) »")
        }
        return PaymentDetails(
            reference: details.token, status: status, amount: details.amount, currency: details.currency,
            orderReference: details.orderReference, refundedAmount: details.refundedAmount,
            failureReason: details.failureReason, threeDSecure: details.threeDSecure)
    }

    public func refund(reference: String, amount: Int, idempotencyKey: String?) async throws -> RefundResult {
        let body = SandboxAPI.RefundRequest(amount: amount, idempotencyKey: idempotencyKey)
        let reply = try await http.send(.POST, "\(baseURL)/v1/web-payments/\(try Self.pathSafe(reference))/refunds",
                                        headers: headers(json: true), body: try JSONEncoder().encode(body))
        if reply.status == 409 || reply.status == 422 {
            throw PaymentProviderError(.refundRejected, statusCode: reply.status, message: Self.problemText(reply))
        }
        let refund = try ProviderHTTP.decode(SandboxAPI.Refund.self, from: reply, errorMessage: Self.problemText)
        return RefundResult(refundID: refund.refundID, amount: refund.amount, totalRefunded: refund.refundedAmount)
    }

    private func headers(json: Bool) -> [(String, String)] {
        let credentials = Data("\(merchantID):\(secret)".utf8).base64EncodedString()
        var headers = [("Authorization", "Basic \(credentials)"), ("Accept", "application/json")]
        if json { headers.append(("Content-Type", "application/json")) }
        return headers
    }

    /// Tokens are letters and digits; anything else would change the path, so it cannot be one.
    static func pathSafe(_ reference: String) throws -> String {
        guard !reference.isEmpty, reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw PaymentProviderError(.notFound, message: "référence de paiement invalide")
        }
        return reference
    }

    static func problemText(_ reply: ProviderHTTP.Reply) -> String {
        if let problem = try? JSONDecoder().decode(SandboxAPI.Problem.self, from: reply.body) {
            return [problem.title, problem.detail].compactMap { $0 }.joined(separator: " — ")
        }
        return String(decoding: reply.body.prefix(300), as: UTF8.self)
    }
}
