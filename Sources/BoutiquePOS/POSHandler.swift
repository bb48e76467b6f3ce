import BoutiqueCore
import BoutiqueShop
import Foundation
import OpenAPIRuntime

/// The generated API's implementation: decode, call one use case, map the answer. Refusals become
/// documented problem responses; other errors are `POSInternalError` (500).
struct POSHandler: APIProtocol {
    let redemptions: CardRedemptions

    func lookupCard(_ input: Operations.LookupCard.Input) async throws -> Operations.LookupCard.Output {
        let client = try Self.client()
        guard case .json(let body) = input.body else { return .badRequest(POSProblem.response(.invalidRequest)) }
        switch try await run({ try await redemptions.lookup(cardNumber: body.cardNumber, client: client) }) {
        case .success(let card):
            return .ok(.init(body: .json(.init(
                cardLast4: card.cardLast4, balance: card.balance, currency: card.currency,
                status: .init(rawValue: card.status.rawValue) ?? .blocked, expiresAt: card.lastDay,
                excludedCategories: card.excludedCategories))))
        case .failure(let refusal):
            switch refusal.httpStatus {
            case 400: return .badRequest(POSProblem.response(refusal))
            case 429: return .tooManyRequests(POSProblem.response(refusal))
            default: return .unprocessableContent(POSProblem.response(refusal))
            }
        }
    }

    func redeem(_ input: Operations.Redeem.Input) async throws -> Operations.Redeem.Output {
        let client = try Self.client()
        guard case .json(let body) = input.body, let key = Self.validKey(input.headers.idempotencyKey),
              (body.reference?.count ?? 0) <= 100, body.storeCode.count <= 64, (body.category?.count ?? 0) <= 100 else {
            return .badRequest(POSProblem.response(.invalidRequest))
        }
        let request = RedemptionRequest(cardNumber: body.cardNumber, pin: body.pin, amount: body.amount, currency: body.currency,
                                        storeCode: body.storeCode, category: body.category, reference: body.reference)
        switch try await run({ try await redemptions.redeem(request, idempotencyKey: key, client: client) }) {
        case .success(let result):
            return .created(.init(body: .json(.init(
                redemptionId: result.redemptionID.lowercasedString, amount: result.amount, balanceAfter: result.balanceAfter,
                cardLast4: result.cardLast4, createdAt: Date(timeIntervalSince1970: Double(result.createdAt) / 1_000)))))
        case .failure(let refusal):
            switch refusal.httpStatus {
            case 400: return .badRequest(POSProblem.response(refusal))
            case 409: return .conflict(POSProblem.response(refusal))
            case 429: return .tooManyRequests(POSProblem.response(refusal))
            default: return .unprocessableContent(POSProblem.response(refusal))
            }
        }
    }

    func reverseRedemption(_ input: Operations.ReverseRedemption.Input) async throws -> Operations.ReverseRedemption.Output {
        let client = try Self.client()
        guard let key = Self.validKey(input.headers.idempotencyKey) else { return .badRequest(POSProblem.response(.invalidRequest)) }
        let id = input.path.redemptionId
        switch try await run({ try await redemptions.reverse(redemptionID: id, idempotencyKey: key, client: client) }) {
        case .success(let result):
            return .created(.init(body: .json(.init(reversalId: result.reversalID.lowercasedString, amount: result.amount,
                                                    balanceAfter: result.balanceAfter))))
        case .failure(let refusal):
            switch refusal.httpStatus {
            case 404: return .notFound(POSProblem.response(refusal))
            case 409: return .conflict(POSProblem.response(refusal))
            case 429: return .tooManyRequests(POSProblem.response(refusal))
            default: return .badRequest(POSProblem.response(refusal))
            }
        }
    }

    /// Runs a use case; its thrown errors are ours, never the client's.
    private func run<T>(_ body: () async throws -> Result<T, CardRefusal>) async throws -> Result<T, CardRefusal> {
        do { return try await body() } catch { throw POSInternalError(error) }
    }

    private static func client() throws -> POSClientIdentity {
        guard let client = POSRequestScope.client else { throw POSInternalError(POSAuthMissing()) }
        return client
    }

    /// 1 to 255 visible ASCII characters.
    static func validKey(_ key: String) -> String? {
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        return key
    }
}

/// The handler ran without the authentication middleware: a wiring mistake.
struct POSAuthMissing: Error {}
