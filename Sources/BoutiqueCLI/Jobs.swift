import ArgumentParser
import BoutiqueCore
import BoutiqueShop
import Foundation
import Logging

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
            let lines = try await JobsCommand.withJobs { jobs in
                let counts = try await jobs.counts()
                let records = try await jobs.list(states: states, limit: 500)
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
            let retried = try await JobsCommand.withJobs { jobs in try await jobs.retry(actor: .commandLine, id: id) }
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
            let summary = try await JobsCommand.withJobs { jobs in
                if enqueue > 0 { try await jobs.enqueueTally(batch: batch, count: enqueue, pauseMilliseconds: pauseMs) }
                let counts = try await jobs.tally(batch: batch)
                return (counts, workers ? try await jobs.tallyWorkers(batch: batch) : nil)
            }
            let (counts, workerCount) = summary
            print("lot \(batch) : \(counts.jobs) travaux exécutés, \(counts.runs) exécutions, au plus \(counts.most) par travail"
                  + (workerCount.map { ", sur \($0) travailleur(s)" } ?? ""))
        }
    }
}

enum JobsCommand {
    static func withJobs<T: Sendable>(_ body: @Sendable (BackgroundJobs) async throws -> T) async throws -> T {
        let settings: Settings
        do { settings = try Settings.load() } catch { throw Startup.fail(error) }
        Startup.bootstrapLogging(level: .warning)
        return try await Startup.withShop(settings, label: "boutique.jobs") { shop in try await body(shop.backgroundJobs) }
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
