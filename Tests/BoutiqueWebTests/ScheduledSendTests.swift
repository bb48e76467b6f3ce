import BoutiqueCore
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import FluentKit
import Foundation
import Testing

@Suite("Scheduled card sending")
struct ScheduledSendTests {
    @Test("a card sent for a later date leaves on that date, not before", arguments: TestEngine.available)
    func scheduled(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: Marie's activated order, a clock on 1 December 2026 at 10:00 in Paris
            try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let owner: UUID = order.$user.id
            let card = try #require(try await CardLedger.cards(ownerID: owner, on: database.sql).first?.id)
            let clock = TestClock(Date(timeIntervalSince1970: 1_796_115_600))
            let composer = try await MailComposer(settings: MailSettings())
            let cards = MyCards(database: database, secrets: try #require(testCardSecrets), now: clock.function)
            let gifts = CardGifts(cards: cards, composer: composer, now: clock.function)
            let mailbox = Mailbox(database: database)
            let worker = JobWorker(queue: JobQueue(database: database, now: clock.function),
                                   registry: ShopJobs.registry(database: database, mail: mailbox, gifts: gifts), logger: .init(label: "t"))
            let marie = AccountActor(id: owner, role: .employee, tenantID: order.$tenant.id)
            // act
            let accepted = try await gifts.send(actor: marie, cardID: card, form: .init(email: "noel@exemple.test", name: "Noé",
                                                                                      message: "Pour Noël", date: "2026-12-24"))
            try await worker.drain()
            let before = try await mailbox.list().filter { $0.message.to.first?.email == "noel@exemple.test" }.count
            let planned = try await cards.list(actor: marie).first { $0.id == card }?.sendings
            clock.advance(by: 23 * 86_400)
            try await worker.drain()
            let after = try await mailbox.list().filter { $0.message.to.first?.email == "noel@exemple.test" }.count
            let done = try await cards.list(actor: marie).first { $0.id == card }?.sendings
            // check
            #expect(accepted)
            #expect(before == 0 && after == 1)
            // the card shows the sending as planned, then as sent
            #expect(planned?.count == 1 && planned?.first?.recipientName == "Noé" && planned?.first?.sentAt == nil)
            #expect(planned?.first?.recipientEmail == "noel@exemple.test")
            #expect(done?.count == 1 && done?.first?.sentAt != nil)
            await #expect(throws: FormErrors.self) {
                _ = try await gifts.send(actor: marie, cardID: card, form: .init(email: "x@y.test", name: "X", message: nil, date: "2020-01-01"))
            }
        }
    }
}

@Suite("Expiry reminders")
struct ExpiryReminderTests {
    @Test("a card with a balance is reminded once, 30 days before its last day", arguments: TestEngine.available)
    func reminders(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            // setup: three cards issued today; a clock on the morning 31 days before their last day
            try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            let order = try await MyCardsPagesTests.activatedOrder(database)
            let issued = try await CardLedger.cards(ownerID: order.$user.id, on: database.sql)
            let lastDayText = try #require(issued.first?.lastDay)
            let lastDay = try #require(CalendarDate(iso: lastDayText))
            let morning = FrenchCalendar.start(of: lastDay.addingDays(-31)).addingTimeInterval(10 * 3_600)
            let clock = TestClock(morning)
            let composer = try await MailComposer(settings: MailSettings())
            let cards = MyCards(database: database, secrets: try #require(testCardSecrets), now: clock.function)
            let reminders = ExpiryReminders(cards: cards, composer: composer, now: clock.function)
            // act
            let early = try await reminders.run()
            clock.advance(by: 86_400)
            let due = try await reminders.run()
            let again = try await reminders.run()
            // check
            #expect(Set(issued.map(\.lastDay)).count == 1)
            #expect(early == 0 && due == 3 && again == 0)
            let jobs = try await JobQueue(database: database).list(states: [.pending]).filter { $0.kind == "mail.send" }
            #expect(jobs.count == 4)
        }
    }
}
