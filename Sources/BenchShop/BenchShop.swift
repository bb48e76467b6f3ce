import BoutiqueCore
import BoutiqueMail
import BoutiqueShop
import BoutiqueStore
import FluentKit
import Foundation
import Logging
import ServiceLifecycle
import SQLKit

/// Throughput of the shop's background and ordering paths, per database engine:
///   bench-shop [--postgres URL] [--smtp URL] [--jobs N] [--seconds S]
/// prints no-op jobs/s (two workers), order placements/s (16 concurrent employees, each adding
/// three cart lines then ordering), and mails/s to an SMTP server when one is given.
@main
struct BenchShop {
    static func main() async throws {
        let options = Options(CommandLine.arguments)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var engines: [(String, DatabaseLocation)] = []
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-shop-\(UUID().uuidString)")
        engines.append(("SQLite (file, WAL)", .sqliteFile(path: folder.appendingPathComponent("bench.sqlite").path)))
        if let url = options.postgres { engines.append(("PostgreSQL", .postgres(url: url))) }
        defer { try? FileManager.default.removeItem(at: folder) }
        print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        for (name, location) in engines {
            let database = try await BoutiqueDatabase.open(location, logger: logger)
            try await database.migrate()
            try await reset(database)
            try await DemoData.seedIfEmpty(database, hasher: PasswordHasher(cost: 4))
            let jobs = try await jobsPerSecond(database, count: options.jobs, logger: logger)
            print("\(name): no-op jobs/s (2 workers × 4): \(format(jobs))")
            let orders = try await ordersPerSecond(database, users: 16, seconds: options.seconds)
            print("\(name): order placements/s (16 concurrent employees, cart → order): \(format(orders))")
            let search = try await storeSearch(database)
            print("\(name): store search over \(search.stores) stores: \(String(format: "%.3f", search.milliseconds)) ms per search (\(search.count) searches)")
            await database.close()
        }
        if let smtp = options.smtp {
            let rate = try await mailsPerSecond(smtp, count: options.mails, logger: logger)
            print("SMTP: mails/s (4 concurrent connections, one message each): \(format(rate))")
        }
    }

    /// A PostgreSQL benchmark database may hold a previous run's rows.
    static func reset(_ database: BoutiqueDatabase) async throws {
        guard !database.location.isSQLite else { return }
        for table in ["jobs", "job_tally", "order_lines", "orders", "cart_lines", "counters", "store_locations"] {
            try await database.sql.raw("DELETE FROM \(unsafeRaw: table)").run()
        }
        try await database.sql.raw("DELETE FROM users WHERE email LIKE 'bench%'").run()
    }

    static func jobsPerSecond(_ database: BoutiqueDatabase, count: Int, logger: Logger) async throws -> Double {
        let payload = try JobPayload.encode(DiagnosticTally(batch: "bench-\(UUID().uuidString)"))
        try await database.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for _ in 0..<count { try await JobQueue.enqueue(NewJob(kind: DiagnosticTally.kind, payload: payload), on: sql) }
        }
        let queue = JobQueue(database: database)
        let registry = ShopJobs.registry(database: database, mail: Mailbox(database: database))
        let workers = (1...2).map { _ in
            JobWorker(queue: queue, registry: registry, options: .init(concurrency: 4, idlePoll: .milliseconds(5)), logger: logger)
        }
        let group = ServiceGroup(services: workers, gracefulShutdownSignals: [], logger: logger)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while try await queue.counts()[.done] ?? 0 < count { try await Task.sleep(for: .milliseconds(20)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        return Double(count) / (ContinuousClock.now - start).secondsDouble
    }

    static func ordersPerSecond(_ database: BoutiqueDatabase, users: Int, seconds: Double) async throws -> Double {
        let alpha = try await Tenant.query(on: database.db).filter(\.$slug == "alpha").first()
        guard let alpha, let product = try await Product.query(on: database.db).first()?.id else { return 0 }
        alpha.settings.yearlyCapCents = nil
        alpha.settings.maxOrderCents = nil
        try await alpha.save(on: database.db)
        var actors: [AccountActor] = []
        for n in 0..<users {
            let user = User(tenantID: alpha.id, role: .employee, status: .active, email: "bench\(n)-\(UUID().uuidString)@alpha.test",
                            passwordHash: "x", civility: "M.", firstName: "Bench", lastName: "\(n)", phone: "0600000000")
            try await user.create(on: database.db)
            actors.append(AccountActor(id: try user.requireID(), role: .employee, tenantID: alpha.id, email: user.email))
        }
        let cart = Cart(database: database), orders = Orders(database: database)
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1_000))
        let start = ContinuousClock.now
        let placed = try await withThrowingTaskGroup(of: Int.self) { group in
            for actor in actors {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        for euros in ["50", "100", "10"] {
                            try await cart.add(actor: actor, productID: product, amount: euros, quantity: "1")
                        }
                        _ = try await orders.place(actor: actor, acceptedTerms: true)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(placed) / (ContinuousClock.now - start).secondsDouble
    }

    /// 3,000 stores imported from CSV, then searches by postcode and by city, as the locator page does.
    static func storeSearch(_ database: BoutiqueDatabase) async throws -> (stores: Int, count: Int, milliseconds: Double) {
        var lines = [StoreImport.columns.joined(separator: ",")]
        for n in 0..<3_000 {
            let postcode = String(format: "%05d", 10_000 + n * 29 % 85_000)
            lines.append("BENCH-\(n),Market,Market \(n),\(n) rue du Marché,\(postcode),Ville \(n % 700),\(42.5 + Double(n % 97) / 12),\(-1.5 + Double(n % 89) / 10),,oui")
        }
        _ = try await StoreImport(database: database).run(actor: .commandLine, csv: lines.joined(separator: "\n"))
        let directory = StoreDirectory(database: database)
        let total = try await directory.all().count
        let queries = (0..<1_000).map { $0 % 2 == 0 ? String(format: "%05d", 10_000 + $0 * 29 % 85_000) : "Ville \($0 % 700)" }
        let start = ContinuousClock.now
        for query in queries { _ = try await directory.search(query) }
        return (total, queries.count, (ContinuousClock.now - start).secondsDouble * 1_000 / Double(queries.count))
    }

    static func mailsPerSecond(_ url: String, count: Int, logger: Logger) async throws -> Double {
        let transport = SMTPTransport(configuration: try SMTPConfiguration.parse(url), logger: logger)
        let message = MailMessage(from: MailAddress("no-reply@boutique.test", name: "Boutique"), to: [MailAddress("bench@boutique.test")],
                                  subject: "Vos e-Cartes sont disponibles", text: String(repeating: "Bonjour, voici vos e-Cartes. ", count: 40),
                                  html: "<p>" + String(repeating: "Bonjour, voici vos e-Cartes. ", count: 40) + "</p>")
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    for _ in stride(from: lane, to: count, by: 4) { try await transport.send(message) }
                }
            }
            try await group.waitForAll()
        }
        return Double(count) / (ContinuousClock.now - start).secondsDouble
    }

    static func format(_ value: Double) -> String { String(Int(value.rounded())) }

    struct Options {
        var postgres: String?
        var smtp: String?
        var jobs = 5_000
        var mails = 1_000
        var seconds = 10.0

        init(_ arguments: [String]) {
            var iterator = arguments.dropFirst().makeIterator()
            while let argument = iterator.next() {
                switch argument {
                case "--postgres": postgres = iterator.next()
                case "--smtp": smtp = iterator.next()
                case "--jobs": jobs = iterator.next().flatMap(Int.init) ?? jobs
                case "--mails": mails = iterator.next().flatMap(Int.init) ?? mails
                case "--seconds": seconds = iterator.next().flatMap(Double.init) ?? seconds
                default: break
                }
            }
        }
    }
}

extension Duration {
    var secondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
