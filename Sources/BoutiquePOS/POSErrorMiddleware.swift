import BoutiqueShop
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Turns every error into a problem document: what the generated code throws for a malformed
/// request (bad JSON, missing field or header) becomes `invalid_request` (400); a failure of ours
/// (`POSInternalError`, the database) a 500 without details.
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
            if let failure = underlying as? POSInternalError {
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

    init(_ error: any Error) {
        reason = "\(type(of: error)): \(error)"
    }
}
