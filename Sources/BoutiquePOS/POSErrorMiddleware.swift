import BoutiqueShop
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Turns every error into a problem document: what the generated code throws for a malformed
/// request (bad JSON, missing field or header) becomes `invalid_request` (400); the database away
/// (a failover) `service_unavailable` (503 with `Retry-After`); another failure of ours
/// (`POSInternalError`) a 500 without details.
///
/// The generated `ServerError` describes the decoded input, card number included, so it is never
/// logged or rethrown: only the underlying database error's type and description are.
struct POSErrorMiddleware: ServerMiddleware {
    let logger: Logger

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            let underlying = (error as? ServerError)?.underlyingError ?? error
            // The database away (a failover): whatever the request did is unknown, so the till
            // gets no result but "retry with the same key" — thrown by a use case (wrapped) or
            // by the key check of POSAuthMiddleware (raw).
            let failure = underlying as? POSInternalError ?? (DatabaseOutage.covers(underlying) ? POSInternalError(underlying) : nil)
            if let failure, failure.isOutage {
                logger.warning("Base de données indisponible pour l'API de caisse : 503",
                               metadata: ["operation": "\(operationID)", "error": "\(failure.reason)"])
                return Self.unavailable()
            }
            if let failure {
                logger.error("Erreur interne de l'API de caisse", metadata: ["operation": "\(operationID)", "error": "\(failure.reason)"])
                var response = HTTPResponse(status: .internalServerError)
                response.headerFields[.contentType] = "application/problem+json"
                let problem = Components.Schemas.Problem(_type: POSProblem.typePrefix + "internal_error", title: "Internal Error",
                                                         status: 500, detail: "Erreur interne : réessayez plus tard.")
                return (response, HTTPBody((try? POSProblem.encoder.encode(problem)) ?? Data()))
            }
            return POSProblem.raw(.invalidRequest, detail: Self.detail(underlying))
        }
    }

    /// 503 with `Retry-After`: the documented answer of every operation while the database is away.
    static func unavailable() -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .serviceUnavailable)
        response.headerFields[.contentType] = "application/problem+json"
        response.headerFields[.cacheControl] = "no-store"
        response.headerFields[.retryAfter] = String(DatabaseOutage.retryAfterSeconds)
        let problem = Components.Schemas.Problem(
            _type: POSProblem.typePrefix + "service_unavailable", title: "Service Unavailable", status: 503,
            detail: "Service momentanément indisponible : renvoyez la même requête, avec la même clé Idempotency-Key, "
                + "dans quelques secondes. Aucun résultat n'est connu pour cette tentative.")
        return (response, HTTPBody((try? POSProblem.encoder.encode(problem)) ?? Data()))
    }

    /// A French hint for the till's developer, without echoing the request's values.
    static func detail(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "Requête invalide : champ « \(key.stringValue) » manquant."
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "Requête invalide : champ « \(context.codingPath.map(\.stringValue).joined(separator: ".")) » de type incorrect."
        case DecodingError.dataCorrupted: "Requête invalide : le corps n'est pas un JSON valide."
        default: "Requête invalide : corps JSON, en-tête Idempotency-Key ou Content-Type attendu (voir /api/pos/v1/openapi.yaml)."
        }
    }
}

/// A failure of the server (the database, a sealed value that does not open), never of the
/// request. `reason` names the error without any request data.
struct POSInternalError: Error {
    let reason: String
    /// The database was unreachable or read-only (`DatabaseOutage`): 503, not 500.
    let isOutage: Bool

    init(_ error: any Error) {
        reason = "\(type(of: error)): \(error)"
        isOutage = DatabaseOutage.covers(error)
    }
}
