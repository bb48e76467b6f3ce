/// `LISEZMOI.txt`: what each file of « Mes données » holds, field by field, in French.
enum PersonalDataReadme {
    static let text = """
        MES DONNÉES — CONTENU DE CETTE ARCHIVE
        ======================================

        Cette archive contient toutes les données personnelles que la boutique conserve à votre
        sujet (RGPD, articles 15 et 20). Chaque partie existe en deux formats : JSON (complet,
        lisible par un programme) et CSV (séparateur « ; », encodage UTF-8, pour un tableur).

        Conventions : les montants des fichiers JSON sont en centimes d'euro (champs *_centimes ;
        15200 = 152,00 €), ceux des fichiers CSV en euros (152,00). Les dates sont au format
        ISO 8601 en temps universel (2026-12-07T09:15:42Z = 10 h 15 à Paris en hiver) ; les jours
        au format AAAA-MM-JJ. Les numéros de carte sont masqués (4 premiers et 4 derniers
        chiffres) : ni numéro complet, ni code PIN, ni mot de passe, ni lien de connexion ne
        figurent dans cette archive.

        profil.json / profil.csv — votre compte
          civilite, prenom, nom, email, telephone : vos coordonnées ;
          nouvelle_adresse_en_attente : une nouvelle adresse e-mail pas encore confirmée ;
          role : Bénéficiaire, Gestionnaire CSE ou Opérateur ;
          statut : E-mail non validé, En attente, Actif, Refusé ou Désactivé ;
          motif_de_refus : le motif donné par votre CSE s'il a refusé le compte ;
          cse : votre comité social et économique ;
          double_authentification : vrai si la connexion demande un code d'application ;
          compte_cree_le, adresse_verifiee_le, compte_valide_le : les dates de création, de
          validation de l'adresse e-mail et de validation par le CSE.

        commandes.json / commandes.csv — vos commandes (commandes.csv : une ligne par produit)
          numero : la référence (CMD-000326) ; passee_le : la date de la commande ;
          statut : En attente de paiement, Validé, Activé, Remboursé… ;
          valeur_faciale_centimes : la valeur chargée sur les cartes ;
          total_paye_centimes : le prix payé ; economie_centimes : la remise obtenue ;
          facture : le numéro de facture (FAC-000042) ; fichier_facture : son PDF dans l'archive ;
          lignes : produit, valeur_faciale_centimes (par carte), quantite,
          remise_points_de_base (500 = 5 %), prix_centimes (prix de la ligne).

        factures/ — les factures de vos commandes payées, en PDF, telles qu'émises, et les avoirs
          (avoir-FAC-…) des commandes remboursées.

        cartes.json / cartes.csv — vos e-Cartes
          numero_masque : le numéro masqué (5032XXXXXXXXXXX7118) ; commande ; produit ;
          valeur_centimes : la valeur de chargement ; solde_centimes : le solde actuel ;
          evenement : Revente (achat) ou l'évènement du CSE (Noël 2026…) ;
          conditions : les conditions d'utilisation ; dernier_jour : le dernier jour d'utilisation ;
          etat : Active, Utilisée, Expirée ou Bloquée ;
          mouvements (JSON) : date, operation (Chargement, Paiement, Annulation d'un paiement,
          Remboursement, Expiration), magasin (code du magasin), montant_centimes (négatif pour
          un paiement), solde_apres_centimes.

        mouvements.csv — les mouvements de toutes vos cartes, une ligne par mouvement
          numero_masque, date, operation, magasin, montant, solde_apres.

        envois.json / envois.csv — « Envoyer ma e-Carte »
          carte (numéro masqué), destinataire_nom, destinataire_email, message,
          envoi_prevu_le, envoye_le (vide : pas encore envoyé), demande_le.

        emails.json / emails.csv — les e-mails qui vous ont été envoyés et que la boutique
        conserve (13 mois)
          envoye_le, destinataires, objet, texte (les jetons des liens sont masqués),
          pieces_jointes (les noms des fichiers joints seulement : une e-Carte jointe porte son
          numéro et son code, téléchargez-la depuis « Gérez vos cartes »).

        journal.json / journal.csv — le journal des actions sensibles vous concernant
          date, action (Connexion, Mot de passe modifié, Compte validé…), par (qui a agi),
          cible (le compte ou l'objet concerné), details, adresse_ip (d'où l'action a été faite).

        messages.json / messages.csv — vos messages « Contactez-nous »
          envoye_le, email, objet, message, commande (la référence citée, le cas échéant).

        Pour faire corriger ou effacer ces données, ou fermer votre compte : « Mon compte » ›
        « Fermer mon compte », ou écrivez-nous depuis « Contactez-nous ». La politique de
        confidentialité de la boutique est sur la page /confidentialite.
        """
}
