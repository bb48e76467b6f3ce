import BoutiqueCore
import BoutiqueDocuments
import Foundation

/// The files of « Mes données »: each part as JSON (complete, nested) and CSV (one row per line,
/// for a spreadsheet), the invoices' PDFs, and `LISEZMOI.txt`.
enum PersonalDataArchive {
    static func zip(_ contents: PersonalDataFiles.Contents, at date: Date) throws -> [UInt8] {
        var archive = ZIPArchive()
        try archive.add("LISEZMOI.txt", text: PersonalDataReadme.text, modified: date)
        try archive.add("profil.json", bytes: try json(contents.profile), modified: date)
        try archive.add("profil.csv", text: profileCSV(contents.profile), modified: date)
        try archive.add("commandes.json", bytes: try json(contents.orders), modified: date)
        try archive.add("commandes.csv", text: ordersCSV(contents.orders), modified: date)
        for invoice in contents.invoices { try archive.add("factures/\(invoice.name).pdf", bytes: invoice.pdf, modified: date) }
        try archive.add("cartes.json", bytes: try json(contents.cards), modified: date)
        try archive.add("cartes.csv", text: cardsCSV(contents.cards), modified: date)
        try archive.add("mouvements.csv", text: movementsCSV(contents.cards), modified: date)
        try archive.add("envois.json", bytes: try json(contents.sendings), modified: date)
        try archive.add("envois.csv", text: sendingsCSV(contents.sendings), modified: date)
        try archive.add("emails.json", bytes: try json(contents.emails), modified: date)
        try archive.add("emails.csv", text: emailsCSV(contents.emails), modified: date)
        try archive.add("journal.json", bytes: try json(contents.audit), modified: date)
        try archive.add("journal.csv", text: auditCSV(contents.audit), modified: date)
        try archive.add("messages.json", bytes: try json(contents.contactMessages), modified: date)
        try archive.add("messages.csv", text: contactCSV(contents.contactMessages), modified: date)
        return try archive.bytes()
    }

    /// The encoder of every JSON file (`PersonalDataFiles.decoder` reads them back).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func json(_ value: some Encodable) throws -> [UInt8] { Array(try encoder.encode(value)) + [0x0A] }

    static func timestamp(_ date: Date?) -> String {
        date.map { ISO8601DateFormatter().string(from: $0) } ?? ""
    }

    static func profileCSV(_ profile: PersonalDataFiles.Profile) -> String {
        var csv = CSVWriter()
        csv.row([.text("champ"), .text("valeur")])
        let rows: [(String, String)] = [
            ("civilite", profile.civilite), ("prenom", profile.prenom), ("nom", profile.nom), ("email", profile.email),
            ("telephone", profile.telephone), ("nouvelle_adresse_en_attente", profile.nouvelleAdresseEnAttente ?? ""),
            ("role", profile.role), ("statut", profile.statut), ("motif_de_refus", profile.motifDeRefus ?? ""), ("cse", profile.cse ?? ""),
            ("double_authentification", profile.doubleAuthentification ? "oui" : "non"), ("compte_cree_le", timestamp(profile.compteCreeLe)),
            ("adresse_verifiee_le", timestamp(profile.adresseVerifieeLe)), ("compte_valide_le", timestamp(profile.compteValideLe)),
        ]
        for (field, value) in rows { csv.row([.text(field), .text(value)]) }
        return csv.text
    }

    static func ordersCSV(_ orders: [PersonalDataFiles.Order]) -> String {
        var csv = CSVWriter()
        csv.row(["commande", "passee_le", "statut", "facture", "produit", "valeur_faciale", "quantite", "remise_points_de_base", "prix"]
            .map(CSVWriter.Cell.text))
        for order in orders {
            for line in order.lignes {
                csv.row([.text(order.numero), .text(timestamp(order.passeeLe)), .text(order.statut), .text(order.facture ?? ""), .text(line.produit),
                         .amount(cents: line.valeurFacialeCentimes), .number(line.quantite), .number(line.remisePointsDeBase),
                         .amount(cents: line.prixCentimes)])
            }
        }
        return csv.text
    }

    static func cardsCSV(_ cards: [PersonalDataFiles.Card]) -> String {
        var csv = CSVWriter()
        csv.row(["numero_masque", "commande", "produit", "valeur", "solde", "evenement", "conditions", "dernier_jour", "etat"].map(CSVWriter.Cell.text))
        for card in cards {
            csv.row([.text(card.numeroMasque), .text(card.commande ?? ""), .text(card.produit), .amount(cents: card.valeurCentimes),
                     .amount(cents: card.soldeCentimes), .text(card.evenement), .text(card.conditions), .text(card.dernierJour), .text(card.etat)])
        }
        return csv.text
    }

    static func movementsCSV(_ cards: [PersonalDataFiles.Card]) -> String {
        var csv = CSVWriter()
        csv.row(["numero_masque", "date", "operation", "magasin", "montant", "solde_apres"].map(CSVWriter.Cell.text))
        for card in cards {
            for movement in card.mouvements {
                csv.row([.text(card.numeroMasque), .text(timestamp(movement.date)), .text(movement.operation), .text(movement.magasin ?? ""),
                         .amount(cents: movement.montantCentimes), .amount(cents: movement.soldeApresCentimes)])
            }
        }
        return csv.text
    }

    static func sendingsCSV(_ sendings: [PersonalDataFiles.Sending]) -> String {
        var csv = CSVWriter()
        csv.row(["carte", "destinataire_nom", "destinataire_email", "message", "envoi_prevu_le", "envoye_le", "demande_le"].map(CSVWriter.Cell.text))
        for sending in sendings {
            csv.row([.text(sending.carte), .text(sending.destinataireNom), .text(sending.destinataireEmail), .text(sending.message),
                     .text(timestamp(sending.envoiPrevuLe)), .text(timestamp(sending.envoyeLe)), .text(timestamp(sending.demandeLe))])
        }
        return csv.text
    }

    static func emailsCSV(_ emails: [PersonalDataFiles.Email]) -> String {
        var csv = CSVWriter()
        csv.row(["envoye_le", "destinataires", "objet", "texte", "pieces_jointes"].map(CSVWriter.Cell.text))
        for email in emails {
            csv.row([.text(timestamp(email.envoyeLe)), .text(email.destinataires.joined(separator: ", ")), .text(email.objet), .text(email.texte),
                     .text(email.piecesJointes.joined(separator: ", "))])
        }
        return csv.text
    }

    static func auditCSV(_ entries: [PersonalDataFiles.AuditEntry]) -> String {
        var csv = CSVWriter()
        csv.row(["date", "action", "par", "cible", "details", "adresse_ip"].map(CSVWriter.Cell.text))
        for entry in entries {
            csv.row([.text(timestamp(entry.date)), .text(entry.action), .text(entry.par), .text(entry.cible), .text(entry.details), .text(entry.adresseIp)])
        }
        return csv.text
    }

    static func contactCSV(_ messages: [PersonalDataFiles.ContactMessage]) -> String {
        var csv = CSVWriter()
        csv.row(["envoye_le", "email", "objet", "message", "commande"].map(CSVWriter.Cell.text))
        for message in messages {
            csv.row([.text(timestamp(message.envoyeLe)), .text(message.email), .text(message.objet), .text(message.message), .text(message.commande ?? "")])
        }
        return csv.text
    }
}
