import Foundation
import Hummingbird

/// The view model of an error page: a French title and explanation per status.
struct ErrorPage {
    let statusCode: Int
    let title: String
    let message: String
    let requestID: String

    init(status: HTTPResponse.Status, requestID: String, message: String? = nil) {
        statusCode = status.code
        self.requestID = requestID
        let texts = Self.texts(for: status)
        title = texts.0
        self.message = message ?? texts.1
    }

    static func texts(for status: HTTPResponse.Status) -> (String, String) {
        switch status.code {
        case 400: ("Requête invalide", "La demande envoyée n'a pas pu être comprise. Vérifiez les informations saisies puis réessayez.")
        case 401: ("Connexion requise", "Connectez-vous pour accéder à cette page.")
        case 403: ("Accès refusé", "Vous n'avez pas accès à cette page.")
        case 404: ("Page introuvable", "La page demandée n'existe pas ou n'est plus disponible.")
        case 405: ("Action impossible", "Cette action n'est pas possible sur cette page.")
        case 413: ("Envoi trop volumineux", "Les données envoyées dépassent la taille autorisée.")
        case 429: ("Trop de tentatives", "Trop de demandes en peu de temps. Patientez quelques minutes puis réessayez.")
        case 503: ("Service momentanément indisponible", "La boutique est momentanément indisponible. Réessayez dans quelques instants.")
        case 500...: ("Erreur du serveur", "Une erreur inattendue s'est produite. Nos équipes ont été prévenues ; réessayez dans quelques instants.")
        default: ("Erreur", "La demande n'a pas pu aboutir.")
        }
    }

    /// RFC 9457 problem details for API clients.
    func problemResponse() -> Response {
        let code = statusCode == 404 ? "not_found" : (statusCode >= 500 ? "internal_error" : "http_\(statusCode)")
        return ProblemResponse.make(status: .init(code: statusCode), code: code, title: title, detail: message, requestID: requestID)
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
