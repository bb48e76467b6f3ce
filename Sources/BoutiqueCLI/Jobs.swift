import ArgumentParser
import BoutiqueShop
import BoutiqueStore
import Foundation
import Logging
import SQLKit

/// `boutique jobs`: what waits in the queue, what failed for good, and a retry for it.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Liste les travaux en attente ou en échec, relance un travail en échec.",
        subcommands: [List.self, Retry.self, Tally.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les travaux en attente, en cours et en échec (dead).")

        @Option(help: "États à lister : pending, running, dead, done (séparés par des virgules).")
        var state: String = "pending,running,dead"

        func run() async throws {
            let states = try state.split(separator: ",").map { name in
                guard let state = JobState(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("État inconnu : \(name) (pending, running, dead, done).")
                }
                return state
            }
            let lines = try await JobsCommand.withQueue { queue, _ in
                let counts = try await queue.counts()
                let records = try await queue.list(states: states, limit: 500)
                return JobsCommand.describe(counts: counts, records: records)
            }
            print(lines)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remet en file un travail en échec (dead).")

        @Argument(help: "Numéro du travail.")
        var id: Int64

        func run() async throws {
            let retried = try await JobsCommand.withQueue { queue, _ in try await queue.retry(id: id) }
            guard retried else {
                FileHandle.standardError.write(Data("boutique: aucun travail en échec ne porte le numéro \(id).\n".utf8))
                throw ExitCode(1)
            }
            print("Travail \(id) remis en file.")
        }
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Diagnostic : met en file N travaux qui se comptent, ou affiche leur décompte.")

        @Option(help: "Nom du lot.")
        var batch: String = "diagnostic"

        @Option(help: "Nombre de travaux à mettre en file (0 : afficher le décompte seulement).")
        var enqueue: Int = 0

        @Option(help: "Durée de chaque travail, en millisecondes.")
        var pauseMs: Int = 0

        @Flag(help: "Affiche aussi le nombre de travailleurs qui ont exécuté le lot.")
        var workers = false

        func run() async throws {
            let summary = try await JobsCommand.withQueue { queue, database in
                if enqueue > 0 {
                    let payload = try JobPayload.encode(DiagnosticTally(batch: batch, pauseMilliseconds: pauseMs))
                    _ = try await database.db.transaction { tx in
                        guard let sql = tx as? any SQLDatabase else { return }
                        for _ in 0..<enqueue { try await JobQueue.enqueue(NewJob(kind: DiagnosticTally.kind, payload: payload), on: sql) }
                    }
                }
                let counts = try await DiagnosticTally.summary(batch: batch, on: database)
                return (counts, workers ? try await DiagnosticTally.workers(batch: batch, on: database) : nil)
            }
            let (counts, workerCount) = summary
            print("lot \(batch) : \(counts.jobs) travaux exécutés, \(counts.runs) exécutions, au plus \(counts.most) par travail"
                  + (workerCount.map { ", sur \($0) travailleur(s)" } ?? ""))
        }
    }
}

enum JobsCommand {
    static func withQueue<T: Sendable>(_ body: @Sendable (JobQueue, BoutiqueDatabase) async throws -> T) async throws -> T {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: .warning)
        let database = try await Startup.openDatabase(settings, logger: Logger(label: "boutique.jobs"))
        do {
            try await database.migrate()
            let result = try await body(JobQueue(database: database), database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw Startup.fail(error)
        }
    }

    static func describe(counts: [JobState: Int], records: [JobRecord]) -> String {
        let summary = JobState.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: ", ")
        var lines = ["Travaux — \(summary)"]
        for record in records {
            let date = Date(timeIntervalSince1970: Double(record.runAt) / 1_000).formatted(.iso8601)
            var line = "#\(record.id)  \(record.state.rawValue)  \(record.kind)  essais \(record.attempts)/\(record.maxAttempts)  \(date)"
            if let error = record.lastError { line += "  — \(error)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
