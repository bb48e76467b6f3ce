import BoutiqueCore
import BoutiquePayments
import Foundation
import Hummingbird

/// The hosted payment page. No merchant authentication: the token in the path is the capability,
/// and each form carries the payment's own anti-CSRF value. Every outcome ends with a 303 to the
/// shop (return or cancel URL, `?token=…` added).
struct SandboxHostedPage: Sendable {
    let sandbox: PaymentSandbox
    var pages: SandboxPages { SandboxPages(prefix: sandbox.configuration.pathPrefix) }

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let base = "\(sandbox.configuration.pathPrefix)/pay/:token"
        router.get(RouterPath(base)) { _, context in try await show(context.parameters.get("token") ?? "") }
        router.post(RouterPath(base)) { request, context in
            try await submitCard(request, token: context.parameters.get("token") ?? "")
        }
        router.get(RouterPath("\(base)/3ds")) { _, context in try await showChallenge(context.parameters.get("token") ?? "") }
        router.post(RouterPath("\(base)/3ds")) { request, context in
            try await submitChallenge(request, token: context.parameters.get("token") ?? "")
        }
        router.post(RouterPath("\(base)/cancel")) { request, context in
            try await cancel(request, token: context.parameters.get("token") ?? "")
        }
    }

    private func show(_ token: String) async throws -> Response {
        guard let payment = try await sandbox.currentPayment(token) else { return unknownPayment() }
        if payment.isAwaitingChallenge { return SandboxHTTP.seeOther(pageURL(token) + "/3ds") }
        guard payment.status == .pending else { return finished(payment) }
        return page(pages.paymentPage(payment), for: payment)
    }

    private func submitCard(_ request: Request, token: String) async throws -> Response {
        let form = await SandboxHTTP.body(request).map(SandboxHTTP.form) ?? [:]
        guard let payment = try await sandbox.currentPayment(token) else { return unknownPayment() }
        if payment.isAwaitingChallenge { return SandboxHTTP.seeOther(pageURL(token) + "/3ds") }
        guard payment.status == .pending else { return SandboxHTTP.seeOther(exitURL(payment)) }
        guard isGenuine(form, for: payment) else { return staleForm(payment) }
        let card: (TestCard, TypedCard)
        switch CardForm.validate(form, now: sandbox.configuration.now()) {
        case .failure(let error): return page(pages.paymentPage(payment, error: error.message), for: payment, status: .unprocessableContent)
        case .success(let valid): card = valid
        }
        switch card.0.outcome {
        case .frictionless: try await sandbox.finish(token, outcome: .accepted(threeDSecure: false), card: card.1)
        case .challenge:
            if try await sandbox.store.startChallenge(token, code: SandboxRandom.smsCode(), card: card.1) {
                sandbox.logger.info("Paiement \(token) : carte \(card.1.brand) …\(card.1.last4), code 3-D Secure demandé")
            }
            return SandboxHTTP.seeOther(pageURL(token) + "/3ds")
        case .insufficientFunds: try await sandbox.finish(token, outcome: .insufficientFunds, card: card.1)
        case .expiredCard: try await sandbox.finish(token, outcome: .expiredCard, card: card.1)
        case .authenticationFailure: try await sandbox.finish(token, outcome: .authenticationFailed, card: card.1)
        }
        return try await exit(token)
    }

    private func showChallenge(_ token: String) async throws -> Response {
        guard let payment = try await sandbox.currentPayment(token) else { return unknownPayment() }
        guard payment.isAwaitingChallenge, let code = payment.challengeCode else { return SandboxHTTP.seeOther(pageURL(token)) }
        return page(pages.challengePage(payment, code: code), for: payment)
    }

    private func submitChallenge(_ request: Request, token: String) async throws -> Response {
        let form = await SandboxHTTP.body(request).map(SandboxHTTP.form) ?? [:]
        guard let payment = try await sandbox.currentPayment(token) else { return unknownPayment() }
        guard payment.isAwaitingChallenge, let code = payment.challengeCode else { return SandboxHTTP.seeOther(pageURL(token)) }
        guard isGenuine(form, for: payment) else { return staleForm(payment) }
        let typed = (form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        let outcome: PaymentOutcome = SandboxHTTP.constantTimeEquals(typed, code) ? .accepted(threeDSecure: true) : .wrongChallengeCode
        try await sandbox.finish(token, outcome: outcome, card: nil)
        return try await exit(token)
    }

    private func cancel(_ request: Request, token: String) async throws -> Response {
        let form = await SandboxHTTP.body(request).map(SandboxHTTP.form) ?? [:]
        guard let payment = try await sandbox.currentPayment(token) else { return unknownPayment() }
        guard payment.status == .pending else { return SandboxHTTP.seeOther(exitURL(payment)) }
        guard isGenuine(form, for: payment) else { return staleForm(payment) }
        try await sandbox.finish(token, outcome: .cancelled, card: nil)
        return try await exit(token)
    }

    /// After the outcome (or a race with expiry): back to the shop with the token.
    private func exit(_ token: String) async throws -> Response {
        guard let payment = try await sandbox.currentPayment(token) else { return unknownPayment() }
        return SandboxHTTP.seeOther(exitURL(payment))
    }

    private func exitURL(_ payment: SandboxPayment) -> String {
        SandboxHTTP.appending(token: payment.token, to: payment.status == .cancelled ? payment.cancelURL : payment.returnURL)
    }

    private func isGenuine(_ form: [String: String], for payment: SandboxPayment) -> Bool {
        SandboxHTTP.constantTimeEquals(form["csrf"] ?? "", payment.formKey)
    }

    private func pageURL(_ token: String) -> String {
        "\(sandbox.configuration.pathPrefix)/pay/\(token)"
    }

    private func page(_ html: String, for payment: SandboxPayment, status: HTTPResponse.Status = .ok) -> Response {
        SandboxHTTP.html(html, status: status, formTargets: [payment.returnURL, payment.cancelURL])
    }

    private func finished(_ payment: SandboxPayment) -> Response {
        let message = switch payment.status {
        case .succeeded: "Ce paiement a été accepté."
        case .cancelled: "Ce paiement a été annulé."
        case .expired: "Le délai de paiement est dépassé : ce paiement a expiré."
        case .refused, .pending: payment.failureReason ?? "Ce paiement a été refusé."
        }
        return page(pages.messagePage(title: "Paiement terminé", message: message,
                                      link: (exitURL(payment), "Revenir à la boutique")), for: payment)
    }

    private func staleForm(_ payment: SandboxPayment) -> Response {
        page(pages.messagePage(title: "Formulaire expiré", message: "Ce formulaire n'est plus valable : rechargez la page de paiement.",
                               link: (pageURL(payment.token), "Recharger la page de paiement")), for: payment, status: .forbidden)
    }

    private func unknownPayment() -> Response {
        SandboxHTTP.html(pages.messagePage(title: "Paiement introuvable",
                                           message: "Ce lien de paiement n'existe pas. Reprenez votre commande depuis la boutique."),
                         status: .notFound)
    }
}
