import BoutiqueCore
import BoutiqueDocuments
import BoutiqueMail
import BoutiqueStore
import Foundation

/// « Mes données » (RGPD art. 15 and 20): a ZIP of everything the shop keeps about a person, in
/// JSON and CSV, with their invoices and a `LISEZMOI.txt` that documents each file. Asked by the
/// person (after re-authentication) or by the operator on the person's request; throttled to 3
/// downloads an hour per person (each reads every table about them), and audited.
public struct PersonalData: Sendable {
    let database: BoutiqueDatabase
    let reauthentication: Reauthentication
    let history: OrderHistory
    let cards: MyCards?
    let now: @Sendable () -> Date

    public static let exportsPerHour = 3

    /// A file to download.
    public struct Archive: Sendable {
        public let filename: String
        public let bytes: [UInt8]
    }

    public init(database: BoutiqueDatabase, accounts: Accounts, secondFactor: SecondFactor, history: OrderHistory, cards: MyCards?,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.reauthentication = Reauthentication(accounts: accounts, secondFactor: secondFactor)
        self.history = history
        self.cards = cards
        self.now = now
    }

    /// The person's own download, after their password (and code). Throws `FormErrors`.
    public func export(actor: AccountActor, password: String?, code: String?) async throws -> Archive {
        let user = try await reauthentication.check(actor: actor, password: password, code: code)
        guard user.role == .employee else { throw FormErrors("form", PrivacyMessages.notClosable) }
        return try await export(user, by: actor)
    }

    /// The operator's download of an employee's data, on the employee's request; nil when no such
    /// employee. Throws `FormErrors` when throttled.
    public func export(by actor: AccountActor, employeeID: UUID) async throws -> Archive? {
        guard actor.role == .operator, let user = try await database.tables.users.find(acrossTenants: employeeID),
              user.role == .employee else { return nil }
        return try await export(user, by: actor)
    }

    private func export(_ user: UserRecord, by actor: AccountActor) async throws -> Archive {
        guard try await Throttle(database: database, now: now).reserve("export:\(user.id.uuidString)", limit: Self.exportsPerHour,
                                                                         window: .seconds(3_600)) else {
            throw FormErrors("form", PrivacyMessages.exportThrottled)
        }
        let contents = try await self.contents(of: user)
        let bytes = try PersonalDataArchive.zip(contents, at: now())
        // A read that must leave a trace: written after the read (ARCHITECTURE.md, Audit log).
        try await AuditLog.record(.personalDataExported, by: actor, target: user.email, tenantID: user.tenantID,
                                  details: "\(bytes.count) octets", in: database.tables)
        return Archive(filename: "mes-donnees-\(FrenchCalendar.today(now()).iso).zip", bytes: bytes)
    }

    /// Everything about `user`, read from each table's gateway.
    public func contents(of user: UserRecord) async throws -> PersonalDataFiles.Contents {
        let subject = AccountActor(id: user.id, role: user.role, tenantID: user.tenantID, email: user.email)
        let orders = try await orders(of: subject)
        var invoices: [(name: String, pdf: [UInt8])] = []
        for order in orders where order.invoiceNumber != nil {
            if let invoice = try await history.invoice(actor: subject, orderID: order.id) { invoices.append((invoice.reference, invoice.pdf)) }
            if let note = try await history.creditNote(actor: subject, orderID: order.id) { invoices.append(("avoir-\(note.reference)", note.pdf)) }
        }
        let invoiceNames = invoices.map { $0.name }
        let ownCards = try await cardFiles(of: subject)
        let masked = Dictionary(ownCards.map { ($0.id, $0.file.numeroMasque) }, uniquingKeysWith: { first, _ in first })
        return PersonalDataFiles.Contents(
            profile: try await profile(user), orders: orders.map { Self.orderFile($0, invoiced: invoiceNames) },
            invoices: invoices, cards: ownCards.map { $0.file },
            sendings: try await database.tables.cardSendings.all(by: user.id).map { Self.sendingFile($0, card: masked[$0.cardID]) },
            emails: try await emails(to: user.email),
            audit: try await database.tables.audit.about(userID: user.id, email: user.email).map(Self.auditFile),
            contactMessages: try await database.tables.contactMessages.sent(by: user.id, email: user.email).map(Self.contactFile))
    }

    private func profile(_ user: UserRecord) async throws -> PersonalDataFiles.Profile {
        let dates = try await database.tables.users.accountDates(of: user.id)
        var tenant = user.tenant
        if tenant == nil, let tenantID = user.tenantID { tenant = try await database.tables.tenants.find(TenantScope(memberOf: tenantID)) }
        return PersonalDataFiles.Profile(
            civilite: user.civility, prenom: user.firstName, nom: user.lastName, email: user.email, telephone: user.phone,
            nouvelleAdresseEnAttente: user.pendingEmail, role: Self.roleLabel(user.role), statut: UserStatusLabel.label(user.status),
            motifDeRefus: user.rejectionReason, cse: tenant?.name, doubleAuthentification: user.hasSecondFactor,
            compteCreeLe: dates?.createdAt, adresseVerifieeLe: dates?.verifiedAt, compteValideLe: dates?.approvedAt)
    }

    private func orders(of subject: AccountActor) async throws -> [OrderRecord] {
        guard let scope = subject.scope else { return [] }
        return Array(try await database.tables.orders.history(of: subject.id, in: scope, limit: 10_000).reversed())
    }

    private func cardFiles(of subject: AccountActor) async throws -> [(id: UUID, file: PersonalDataFiles.Card)] {
        guard let cards else { return [] }
        var files: [(id: UUID, file: PersonalDataFiles.Card)] = []
        for card in try await cards.list(actor: subject).reversed() {
            let movements = try await cards.detail(actor: subject, cardID: card.id)?.1 ?? []
            files.append((card.id, PersonalDataFiles.Card(
                numeroMasque: card.masked, commande: card.orderReference, produit: card.productName, valeurCentimes: card.faceValue.cents,
                soldeCentimes: card.balance.cents, evenement: card.event, conditions: card.usageConditions, dernierJour: card.lastDay.iso,
                etat: card.state.label,
                mouvements: movements.reversed().map { movement in
                    PersonalDataFiles.Movement(date: movement.date, operation: PersonalDataFiles.movementLabels[movement.kind] ?? movement.kind.rawValue,
                                               magasin: movement.store, montantCentimes: movement.amount.cents,
                                               soldeApresCentimes: movement.balanceAfter.cents)
                })))
        }
        return files
    }

    /// The kept e-mails addressed to the person, oldest first; link tokens are masked (a reset
    /// link may still be valid) and attachments named only (an e-card's PDF has its number and PIN).
    private func emails(to email: String) async throws -> [PersonalDataFiles.Email] {
        try await database.tables.mailbox.newest(to: email, limit: 10_000).reversed().map { row in
            let entry = try Mailbox.entry(row)
            return PersonalDataFiles.Email(envoyeLe: entry.receivedAt, destinataires: entry.message.to.map(\.email),
                                           objet: entry.message.subject, texte: Self.maskingTokens(entry.message.text),
                                           piecesJointes: entry.message.attachments.map(\.filename))
        }
    }

    static func maskingTokens(_ text: String) -> String {
        text.replacingOccurrences(of: #"jeton=[A-Za-z0-9_\-]+"#, with: "jeton=(masqué)", options: .regularExpression)
    }

    static func orderFile(_ order: OrderRecord, invoiced: [String]) -> PersonalDataFiles.Order {
        let invoice = order.invoiceNumber.map(OrderHistory.invoiceReference).flatMap { invoiced.contains($0) ? $0 : nil }
        return PersonalDataFiles.Order(
            numero: order.reference, passeeLe: order.createdAt, statut: order.status.label, valeurFacialeCentimes: order.faceTotalCents,
            totalPayeCentimes: order.totalCents, economieCentimes: order.savingsCents, facture: invoice,
            fichierFacture: invoice.map { "factures/\($0).pdf" },
            lignes: order.lines.map { line in
                PersonalDataFiles.OrderLine(produit: line.productName, valeurFacialeCentimes: line.faceValueCents, quantite: line.quantity,
                                            remisePointsDeBase: line.discountBasisPoints, prixCentimes: line.priceCents)
            })
    }

    static func sendingFile(_ sending: CardSendingTable.Own, card: String?) -> PersonalDataFiles.Sending {
        PersonalDataFiles.Sending(carte: card ?? "", destinataireNom: sending.recipientName, destinataireEmail: sending.recipientEmail,
                                  message: sending.message, envoiPrevuLe: sending.sendAt, envoyeLe: sending.sentAt, demandeLe: sending.createdAt)
    }

    static func auditFile(_ entry: AuditRecord) -> PersonalDataFiles.AuditEntry {
        PersonalDataFiles.AuditEntry(date: entry.createdAt, action: entry.action, par: entry.actorEmail, cible: entry.target,
                                     details: entry.details, adresseIp: entry.address)
    }

    static func contactFile(_ message: ContactMessageTable.Sent) -> PersonalDataFiles.ContactMessage {
        PersonalDataFiles.ContactMessage(envoyeLe: message.createdAt, email: message.email, objet: message.subject, message: message.message,
                                         commande: message.orderReference)
    }

    static func roleLabel(_ role: UserRole) -> String {
        switch role {
        case .employee: "Bénéficiaire"
        case .manager: "Gestionnaire CSE"
        case .operator: "Opérateur"
        }
    }
}
