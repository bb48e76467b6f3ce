import BoutiqueCore
import Foundation

/// The shapes of « Mes données »: what each JSON file holds, with French keys (the person reads
/// them; `LISEZMOI.txt` documents each), written in snake case (`compte_cree_le`) by the encoder. Amounts are integer cents (`_centimes`), dates ISO 8601
/// in UTC, days `AAAA-MM-JJ`. Card numbers only ever masked; no PIN, no password, no token.
public enum PersonalDataFiles {
    public struct Profile: Codable, Sendable, Equatable {
        public var civilite: String
        public var prenom: String
        public var nom: String
        public var email: String
        public var telephone: String
        public var nouvelleAdresseEnAttente: String?
        public var role: String
        public var statut: String
        public var motifDeRefus: String?
        public var cse: String?
        public var doubleAuthentification: Bool
        public var compteCreeLe: Date?
        public var adresseVerifieeLe: Date?
        public var compteValideLe: Date?
    }

    public struct Order: Codable, Sendable, Equatable {
        public var numero: String
        public var passeeLe: Date?
        public var statut: String
        public var valeurFacialeCentimes: Int
        public var totalPayeCentimes: Int
        public var economieCentimes: Int
        public var facture: String?
        public var fichierFacture: String?
        public var lignes: [OrderLine]
    }

    public struct OrderLine: Codable, Sendable, Equatable {
        public var produit: String
        public var valeurFacialeCentimes: Int
        public var quantite: Int
        public var remisePointsDeBase: Int
        public var prixCentimes: Int
    }

    public struct Card: Codable, Sendable, Equatable {
        public var numeroMasque: String
        public var commande: String?
        public var produit: String
        public var valeurCentimes: Int
        public var soldeCentimes: Int
        public var evenement: String
        public var conditions: String
        public var dernierJour: String
        public var etat: String
        public var mouvements: [Movement]
    }

    public struct Movement: Codable, Sendable, Equatable {
        public var date: Date
        public var operation: String
        public var magasin: String?
        public var montantCentimes: Int
        public var soldeApresCentimes: Int
    }

    public struct Sending: Codable, Sendable, Equatable {
        public var carte: String
        public var destinataireNom: String
        public var destinataireEmail: String
        public var message: String
        public var envoiPrevuLe: Date
        public var envoyeLe: Date?
        public var demandeLe: Date?
    }

    public struct Email: Codable, Sendable, Equatable {
        public var envoyeLe: Date
        public var destinataires: [String]
        public var objet: String
        public var texte: String
        public var piecesJointes: [String]
    }

    public struct AuditEntry: Codable, Sendable, Equatable {
        public var date: Date?
        public var action: String
        public var par: String
        public var cible: String
        public var details: String
        public var adresseIp: String
    }

    public struct ContactMessage: Codable, Sendable, Equatable {
        public var envoyeLe: Date?
        public var email: String
        public var objet: String
        public var message: String
        public var commande: String?
    }

    /// Everything, as read once.
    public struct Contents: Sendable, Equatable {
        public var profile: Profile
        public var orders: [Order]
        public var invoices: [(name: String, pdf: [UInt8])]
        public var cards: [Card]
        public var sendings: [Sending]
        public var emails: [Email]
        public var audit: [AuditEntry]
        public var contactMessages: [ContactMessage]

        public static func == (lhs: Contents, rhs: Contents) -> Bool {
            lhs.profile == rhs.profile && lhs.orders == rhs.orders && lhs.cards == rhs.cards && lhs.sendings == rhs.sendings
                && lhs.emails == rhs.emails && lhs.audit == rhs.audit && lhs.contactMessages == rhs.contactMessages
                && lhs.invoices.map { $0.name } == rhs.invoices.map { $0.name } && lhs.invoices.map { $0.pdf } == rhs.invoices.map { $0.pdf }
        }
    }

    /// Reads the archive's JSON files back (keys in snake case, ISO 8601 dates).
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static let movementLabels: [CardTransactionKind: String] = [
        .issue: "Chargement", .redemption: "Paiement", .reversal: "Annulation d'un paiement", .refund: "Remboursement",
        .expiry: "Expiration",
    ]
}
