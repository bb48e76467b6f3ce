import BoutiqueCore
import Foundation
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// A measuring instrument for `scripts/bench-pos`, not a feature: the POS API's routes served by
/// the same generated server, with the same configuration, but answering every valid request at
/// once, without authentication, cards or database.
///
/// Its throughput is the ceiling the HTTP server and the OpenAPI runtime put on any POS
/// operation on the machine at hand; the benchmark prints the real redemptions' rate against it.
public enum POSCeiling {
    /// Mounts the three operations on `router`; only the `bench-pos-ceiling` executable does.
    public static func addRoutes<Context: RequestContext>(to router: Router<Context>) throws {
        try Handler().registerHandlers(on: router, serverURL: Servers.Server1.url(), configuration: POSRouteConfiguration.openAPI)
    }

    /// Answers of the same shape and size as the real ones.
    private struct Handler: APIProtocol {
        func lookupCard(_ input: Operations.LookupCard.Input) async throws -> Operations.LookupCard.Output {
            guard case .json = input.body else { return .badRequest(POSProblem.response(.invalidRequest)) }
            return .ok(.init(body: .json(.init(cardLast4: "1234", balance: 999_999, currency: "EUR", status: .active,
                                               expiresAt: "2027-12-31", excludedCategories: []))))
        }

        func redeem(_ input: Operations.Redeem.Input) async throws -> Operations.Redeem.Output {
            guard case .json(let body) = input.body, POSHandler.validKey(input.headers.idempotencyKey) != nil else {
                return .badRequest(POSProblem.response(.invalidRequest))
            }
            return .created(.init(body: .json(.init(
                redemptionId: UUID.random().lowercasedString, amount: body.amount, balanceAfter: 999_999,
                cardLast4: String(body.cardNumber.suffix(4)), createdAt: Date()))))
        }

        func reverseRedemption(_ input: Operations.ReverseRedemption.Input) async throws -> Operations.ReverseRedemption.Output {
            .created(.init(body: .json(.init(reversalId: UUID.random().lowercasedString, amount: 1, balanceAfter: 999_999))))
        }
    }
}
