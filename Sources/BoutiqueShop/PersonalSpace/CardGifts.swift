import BoutiqueCore
import BoutiqueMail
import BoutiqueStore
import Foundation

/// "Envoyer ma e-Carte": sends one of the actor's cards by e-mail, with a message, now or on a
/// chosen date (a scheduled job). The recipient's e-mail carries the card's PDF.
public struct CardGifts: Sendable {
    public struct Form: Codable, Sendable {
        public var email: String?
        public var name: String?
        public var message: String?
        /// `2026-12-24` from a date field; empty: now.
        public var date: String?

        public init(email: String?, name: String?, message: String?, date: String?) {
            self.email = email
            self.name = name
            self.message = message
            self.date = date
        }
    }

    public static let kind = ShopJobKind.sendCard.rawValue
    /// Sendings per card and per holder in a day: a card is given once or twice, not mailed to a
    /// list (each e-mail leaves from the shop's own address, with the sender's message in it).
    public static let perCardLimit = 3
    public static let perHolderLimit = 10
    public static let limitWindow: Duration = .seconds(86_400)
    public static let throttled = "Vous avez déjà envoyé plusieurs e-Cartes aujourd'hui : réessayez demain."

    struct Job: Codable, Sendable { let sendingID: UUID }

    let cards: MyCards
    let composer: MailComposer
    let now: @Sendable () -> Date

    public init(cards: MyCards, composer: MailComposer, now: @escaping @Sendable () -> Date = { Date() }) {
        self.cards = cards
        self.composer = composer
        self.now = now
    }

    /// Records the sending and queues it. - Returns: false when the card is not the actor's.
    public func send(actor: AccountActor, cardID: UUID, form: Form) async throws -> Bool {
        var errors = FormErrors()
        let email = FieldRules.email(form.email)
        if email == nil { errors.add("email", AccountMessages.emailInvalid) }
        let name = FieldRules.clean(form.name), message = FieldRules.clean(form.message)
        errors.check("name", FieldRules.name(name, field: "Nom du destinataire", limit: 100))
        if message.count > 500 { errors.add("message", AccountMessages.tooLong("Message", 500)) }
        let sendAt = sendDate(FieldRules.clean(form.date), errors: &errors)
        guard errors.isEmpty, let email else { throw errors }
        guard try await cards.ownRecord(actor: actor, cardID: cardID) != nil else { return false }
        // Reserved before anything is queued, per card and per holder (parallel sends included).
        let throttle = Throttle(database: cards.database, now: now)
        guard try await throttle.reserve("sending:card:\(cardID.uuidString)", limit: Self.perCardLimit, window: Self.limitWindow),
              try await throttle.reserve("sending:user:\(actor.id.uuidString)", limit: Self.perHolderLimit, window: Self.limitWindow) else {
            throw FormErrors("form", Self.throttled)
        }
        try await cards.database.transaction { tables in
            let sendingID = try await tables.cardSendings.add(cardID: cardID, userID: actor.id, recipientEmail: email,
                                                              recipientName: name, message: message, sendAt: sendAt)
            try await JobQueue.enqueue(NewJob(kind: Self.kind, payload: try JobPayload.encode(Job(sendingID: sendingID)),
                                              runAt: EpochMilliseconds.from(sendAt)), in: tables, now: now())
        }
        return true
    }

    /// Today or a later day within a year; the send happens at 8 h (French time) that day, or now for today.
    private func sendDate(_ text: String, errors: inout FormErrors) -> Date {
        guard !text.isEmpty else { return now() }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let today = FrenchCalendar.today(now())
        guard parts.count == 3, let day = try? CalendarDate(year: parts[0], month: parts[1], day: parts[2]),
              day >= today, day <= today.addingMonths(12) else {
            errors.add("date", "Choisissez une date d'envoi entre aujourd'hui et dans un an.")
            return now()
        }
        return day == today ? now() : FrenchCalendar.start(of: day).addingTimeInterval(8 * 3_600)
    }

    public func register(in registry: inout JobRegistry) {
        let gifts = self
        registry.register(Self.kind, payload: Job.self) { job, _ in try await gifts.deliver(job.sendingID) }
    }

    /// The job: the e-mail with the PDF, once (the sending is marked in the same transaction).
    func deliver(_ sendingID: UUID) async throws {
        let database = cards.database
        guard let sending = try await database.tables.cardSendings.sending(acrossTenants: sendingID),
              let user = try await database.tables.users.find(acrossTenants: sending.userID) else {
            throw PermanentJobError("Envoi \(sendingID) introuvable")
        }
        guard sending.sentAt == nil else { return }
        let actor = user.actor()
        guard let pdf = try await cards.pdf(actor: actor, cardID: sending.cardID),
              let (card, _) = try await cards.detail(actor: actor, cardID: sending.cardID) else {
            throw PermanentJobError("Carte \(sending.cardID) introuvable")
        }
        let data = ["from": user.displayName, "message": sending.message, "hasMessage": sending.message.isEmpty ? "" : "1",
                    "value": card.balance.french, "product": card.productName, "lastDay": card.lastDay.french]
        let mail = try composer.compose("card-gift", to: MailAddress(sending.recipientEmail, name: sending.recipientName),
                                        subject: "\(user.firstName) vous envoie une e-Carte de \(card.balance.french)", data: data,
                                        attachments: [MailAttachment(filename: "e-Carte.pdf", contentType: "application/pdf", data: Data(pdf))])
        try await database.transaction { tables in
            if try await tables.cardSendings.markSent(sendingID, at: now()) { try await Outbox.enqueue(mail, in: tables) }
        }
    }
}
