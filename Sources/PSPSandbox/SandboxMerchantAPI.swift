import BoutiqueCore
import BoutiquePayments
import Foundation
import Hummingbird

/// The merchant API: create a web payment, read its details, refund it. HTTP Basic with the
/// merchant id and secret; every client mistake is a 4xx `application/problem+json`.
struct SandboxMerchantAPI: Sendable {
    let sandbox: PaymentSandbox

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let base = "\(sandbox.configuration.pathPrefix)/v1/web-payments"
        router.post(RouterPath(base)) { request, _ in await authorised(request) { try await create(request) } }
        router.get(RouterPath("\(base)/:token")) { request, context in
            await authorised(request) { try await details(context.parameters.get("token") ?? "") }
        }
        router.post(RouterPath("\(base)/:token/refunds")) { request, context in
            await authorised(request) { try await refund(request, token: context.parameters.get("token") ?? "") }
        }
    }

    private func authorised(_ request: Request, _ body: () async throws -> Response) async -> Response {
        let configuration = sandbox.configuration
        guard let (merchant, secret) = SandboxHTTP.basicCredentials(request),
              SandboxHTTP.constantTimeEquals(merchant, configuration.merchantID),
              SandboxHTTP.constantTimeEquals(secret, configuration.secret) else {
            var response = SandboxHTTP.problem(.unauthorized, title: "Identifiants marchand invalides",
                                               detail: "Authentification HTTP Basic : identifiant marchand et clé secrète.")
            response.headers[.wwwAuthenticate] = "Basic realm=\"psp-sandbox\", charset=\"UTF-8\""
            return response
        }
        do {
            return try await body()
        } catch {
            sandbox.logger.error("API marchand du simulateur : \(String(reflecting: error))")
            return SandboxHTTP.problem(.internalServerError, title: "Erreur interne du simulateur")
        }
    }

    private func create(_ request: Request) async throws -> Response {
        guard let data = await SandboxHTTP.body(request) else {
            return SandboxHTTP.problem(.contentTooLarge, title: "Corps de requête trop volumineux")
        }
        let body: SandboxAPI.CreateRequest
        do {
            body = try JSONDecoder().decode(SandboxAPI.CreateRequest.self, from: data)
        } catch {
            return SandboxHTTP.problem(.badRequest, title: "Corps JSON invalide", detail: Self.describe(error))
        }
        if let problem = Self.validate(body) ?? checkMerchantSite(body) {
            return SandboxHTTP.problem(.badRequest, title: "Demande de paiement invalide", detail: problem)
        }
        let time = sandbox.nowMilliseconds
        let payment = SandboxPayment(
            token: SandboxRandom.token(), merchantID: sandbox.configuration.merchantID, amount: body.amount, currency: body.currency,
            orderReference: body.orderReference, beneficiary: body.beneficiary, customerEmail: body.customerEmail,
            returnURL: body.returnURL, cancelURL: body.cancelURL, notificationURL: body.notificationURL, status: .pending,
            resultCode: PaymentOutcome.pendingCode, failureReason: nil, threeDSecure: false, challengeCode: nil, cardLast4: nil,
            cardBrand: nil, formKey: SandboxRandom.string(length: 32), refundedAmount: 0, createdAt: time,
            expiresAt: time + sandbox.configuration.paymentLifetime.milliseconds, completedAt: nil)
        try await sandbox.store.insert(payment)
        sandbox.logger.info("Paiement \(payment.token) créé : \(payment.orderReference), \(payment.amount) centimes")
        let creation = SandboxAPI.Creation(token: payment.token, redirectURL: sandbox.redirectURL(token: payment.token, request: request))
        return SandboxHTTP.json(creation, status: .created)
    }

    private func details(_ token: String) async throws -> Response {
        guard let payment = try await sandbox.currentPayment(token), payment.merchantID == sandbox.configuration.merchantID else {
            return SandboxHTTP.problem(.notFound, title: "Paiement inconnu", detail: "Aucun paiement pour ce jeton.")
        }
        return SandboxHTTP.json(payment.details)
    }

    private func refund(_ request: Request, token: String) async throws -> Response {
        guard let payment = try await sandbox.currentPayment(token), payment.merchantID == sandbox.configuration.merchantID else {
            return SandboxHTTP.problem(.notFound, title: "Paiement inconnu", detail: "Aucun paiement pour ce jeton.")
        }
        guard let data = await SandboxHTTP.body(request) else {
            return SandboxHTTP.problem(.contentTooLarge, title: "Corps de requête trop volumineux")
        }
        let body: SandboxAPI.RefundRequest
        do {
            body = try JSONDecoder().decode(SandboxAPI.RefundRequest.self, from: data)
        } catch {
            return SandboxHTTP.problem(.badRequest, title: "Corps JSON invalide", detail: Self.describe(error))
        }
        guard body.amount > 0 else {
            return SandboxHTTP.problem(.badRequest, title: "Montant de remboursement invalide", detail: "Un nombre de centimes positif est attendu.")
        }
        if let key = body.idempotencyKey, key.isEmpty || key.count > 200 {
            return SandboxHTTP.problem(.badRequest, title: "Clé d'idempotence invalide", detail: "De 1 à 200 caractères.")
        }
        let outcome = try await sandbox.store.refund(payment.token, amount: body.amount, idempotencyKey: body.idempotencyKey,
                                                     id: SandboxRandom.identifier(prefix: "rfd_"), at: sandbox.nowMilliseconds)
        switch outcome {
        case .refunded(let id, let amount, let total):
            sandbox.logger.info("Paiement \(payment.token) : remboursement \(id) de \(amount) centimes")
            return SandboxHTTP.json(SandboxAPI.Refund(refundID: id, amount: amount, refundedAmount: total), status: .created)
        case .exceedsBalance(let remaining):
            return SandboxHTTP.problem(.unprocessableContent, title: "Remboursement supérieur au montant restant",
                                       detail: "Restant remboursable : \(remaining) centimes.", type: SandboxAPI.ProblemType.refundExceedsBalance)
        case .notRefundable:
            return SandboxHTTP.problem(.conflict, title: "Paiement non remboursable",
                                       detail: "Seul un paiement accepté peut être remboursé (statut : \(payment.status.rawValue)).",
                                       type: SandboxAPI.ProblemType.notRefundable)
        }
    }

    /// Everything the hosted page and the notifications rely on.
    static func validate(_ body: SandboxAPI.CreateRequest) -> String? {
        if !(1...10_000_000).contains(body.amount) { return "amount : de 1 à 10 000 000 centimes." }
        if body.currency != "EUR" { return "currency : seul EUR est accepté." }
        if body.orderReference.isEmpty || body.orderReference.count > 100 { return "orderReference : de 1 à 100 caractères." }
        if body.beneficiary.isEmpty || body.beneficiary.count > 200 { return "beneficiary : de 1 à 200 caractères." }
        if let email = body.customerEmail, email.count > 320 { return "customerEmail : 320 caractères au plus." }
        for (name, url) in [("returnURL", body.returnURL), ("cancelURL", body.cancelURL), ("notificationURL", body.notificationURL)] {
            if !isWebURL(url) { return "\(name) : URL http(s) absolue attendue." }
        }
        return nil
    }

    /// Where browsers and notifications may go: under the merchant's registered site only.
    func checkMerchantSite(_ body: SandboxAPI.CreateRequest) -> String? {
        guard let base = sandbox.configuration.merchantBaseURL else { return nil }
        for (name, url) in [("returnURL", body.returnURL), ("cancelURL", body.cancelURL), ("notificationURL", body.notificationURL)]
        where !SandboxReturnURL.url(url, isUnder: base) {
            return "\(name) : l'adresse doit être sur le site marchand enregistré (\(base))."
        }
        return nil
    }

    static func isWebURL(_ text: String) -> Bool {
        guard text.count <= 2_000, let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return false }
        return true
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "champ manquant : \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "type inattendu pour \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "JSON illisible"
        }
    }
}
