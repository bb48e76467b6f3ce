import BoutiqueShop
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// RFC 9457 problem documents for the POS API.
enum POSProblem {
    static let typePrefix = "/api/pos/v1/problems/"

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func body(_ refusal: CardRefusal, detail: String? = nil) -> Components.Schemas.Problem {
        Components.Schemas.Problem(_type: typePrefix + refusal.rawValue, title: refusal.title, status: refusal.httpStatus,
                                   detail: detail ?? refusal.detail)
    }

    static func response(_ refusal: CardRefusal) -> Components.Responses.Problem {
        Components.Responses.Problem(body: .applicationProblemJson(body(refusal)))
    }

    /// A problem of the request's form (size, media type), answered below the generated code.
    static func raw(status: Int, code: String, title: String, detail: String) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .init(code: status))
        response.headerFields[.contentType] = "application/problem+json"
        response.headerFields[.cacheControl] = "no-store"
        let problem = Components.Schemas.Problem(_type: typePrefix + code, title: title, status: status, detail: detail)
        return (response, HTTPBody((try? encoder.encode(problem)) ?? Data()))
    }

    /// A problem answered below the generated code (middleware), as raw HTTP.
    static func raw(_ refusal: CardRefusal, detail: String? = nil, retryAfter: Int? = nil) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .init(code: refusal.httpStatus))
        response.headerFields[.contentType] = "application/problem+json"
        response.headerFields[.cacheControl] = "no-store"
        if let retryAfter { response.headerFields[.retryAfter] = String(retryAfter) }
        if refusal == .unauthorized { response.headerFields[.wwwAuthenticate] = "Bearer" }
        let data = (try? encoder.encode(body(refusal, detail: detail))) ?? Data()
        return (response, HTTPBody(data))
    }
}
