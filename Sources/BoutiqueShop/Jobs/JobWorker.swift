import BoutiqueCore
import BoutiqueStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// A worker: claims due jobs, runs them with bounded concurrency, records the outcome, and keeps
/// the periodic tasks enqueued. Several workers (in one process or many) share the queue.
///
/// On graceful shutdown (SIGTERM) it stops claiming and lets the running jobs finish; a job cut
/// short anyway (SIGKILL) is claimed again once its lease runs out.
public struct JobWorker: Service {
    public struct Options: Sendable {
        public var name: String
        public var concurrency: Int
        public var lease: Duration
        public var idlePoll: Duration
        public var retry: RetryPolicy
        public var periodic: [PeriodicTask]
        /// Finished jobs are deleted after this long.
        public var keepDone: Duration

        public init(name: String = Self.defaultName(), concurrency: Int = 4, lease: Duration = .seconds(60),
                    idlePoll: Duration = .milliseconds(250), retry: RetryPolicy = RetryPolicy(),
                    periodic: [PeriodicTask] = [], keepDone: Duration = .seconds(7 * 86_400)) {
            self.name = name
            self.concurrency = max(1, concurrency)
            self.lease = lease
            self.idlePoll = idlePoll
            self.retry = retry
            self.periodic = periodic
            self.keepDone = keepDone
        }

        public static func defaultName() -> String {
            "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        }
    }

    let queue: JobQueue
    let registry: JobRegistry
    let options: Options
    let logger: Logger
    private let running = RunningJobs()

    public init(queue: JobQueue, registry: JobRegistry, options: Options = Options(), logger: Logger) {
        self.queue = queue
        self.registry = registry
        self.options = options
        var logger = logger
        logger[metadataKey: "worker"] = .string(options.name)
        self.logger = logger
    }

    public func run() async throws {
        logger.info("Travaux en arrière-plan démarrés", metadata: ["concurrency": "\(options.concurrency)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.keepLeases() }
            await self.claimLoop()
            group.cancelAll()
        }
        logger.info("Travaux en arrière-plan arrêtés")
    }

    /// Claims and runs jobs until shutdown is requested.
    private func claimLoop() async {
        var housekeepingDue = Date.distantPast
        await withTaskGroup(of: Void.self) { group in
            var active = 0
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if Date() >= housekeepingDue {
                    await housekeeping()
                    housekeepingDue = Date().addingTimeInterval(5)
                }
                let claimed = await claim(limit: options.concurrency - active)
                for job in claimed {
                    active += 1
                    group.addTask { await self.process(job) }
                }
                if active == options.concurrency || (claimed.isEmpty && active > 0) {
                    // Wait for a free slot; a short timeout lets new jobs in while a slow one runs.
                    if await group.next() != nil { active -= 1 }
                } else if claimed.isEmpty {
                    try? await Task.sleep(for: options.idlePoll)
                }
            }
            // Graceful shutdown: let what runs finish.
            await group.waitForAll()
        }
    }

    private func claim(limit: Int) async -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        do {
            let jobs = try await queue.claim(worker: options.name, limit: limit, lease: options.lease)
            running.insert(jobs.map(\.id))
            return jobs
        } catch {
            logger.error("Impossible de réclamer des travaux", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: .seconds(1))
            return []
        }
    }

    /// Runs every due job until none is left, in this task: for tests and one-off commands.
    /// - Returns: how many jobs ran.
    @discardableResult
    public func drain(limit: Int = 10_000) async throws -> Int {
        var count = 0
        while count < limit {
            let jobs = try await queue.claim(worker: options.name, limit: options.concurrency, lease: options.lease)
            if jobs.isEmpty { break }
            for job in jobs { await process(job) }
            count += jobs.count
        }
        return count
    }

    /// Runs one job and records its outcome.
    func process(_ job: ClaimedJob) async {
        var jobLogger = logger
        jobLogger[metadataKey: "job"] = "\(job.id)"
        jobLogger[metadataKey: "kind"] = .string(job.kind)
        defer { running.remove(job.id) }
        guard let handler = registry.handler(for: job.kind) else {
            await record(job, error: PermanentJobError("Type de travail inconnu : \(job.kind)"), logger: jobLogger)
            return
        }
        do {
            try await handler(job.payload, JobContext(job: job, logger: jobLogger))
            try await queue.complete(job, worker: options.name)
        } catch {
            await record(job, error: error, logger: jobLogger)
        }
    }

    private func record(_ job: ClaimedJob, error: any Error, logger: Logger) async {
        let retryAt: Date? = error is PermanentJobError ? nil
            : Date().addingTimeInterval(options.retry.delay(afterAttempt: job.attempt).seconds)
        do {
            let state = try await queue.fail(job, worker: options.name, error: "\(error)", retryAt: retryAt)
            let level: Logger.Level = state == .dead ? .error : .warning
            logger.log(level: level, "Échec d'un travail", metadata: [
                "error": "\(error)", "attempt": "\(job.attempt)/\(job.maxAttempts)", "state": "\(state.rawValue)",
            ])
        } catch {
            logger.error("Impossible d'enregistrer l'échec d'un travail", metadata: ["error": "\(error)"])
        }
    }

    /// Extends the leases of running jobs well before they run out.
    private func keepLeases() async {
        let interval = options.lease / 3
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let ids = running.ids
            do {
                try await queue.extendLease(of: ids, worker: options.name, lease: options.lease)
            } catch {
                logger.warning("Impossible de prolonger les baux", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Periodic tasks, dead leases, old finished jobs.
    private func housekeeping() async {
        do {
            let now = Date()
            for task in options.periodic {
                try await queue.enqueue(NewJob(kind: task.kind, payload: task.payload, maxAttempts: 3, uniqueKey: task.key(at: now)))
            }
            try await queue.buryExpired()
            try await queue.pruneDone(olderThan: options.keepDone)
        } catch {
            logger.warning("Entretien de la file de travaux impossible", metadata: ["error": "\(error)"])
        }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// The ids of the jobs this worker runs now, for lease renewal.
final class RunningJobs: Sendable {
    private let ids_ = Mutex<Set<Int64>>([])

    func insert(_ ids: [Int64]) { ids_.withLock { $0.formUnion(ids) } }
    func remove(_ id: Int64) { ids_.withLock { _ = $0.remove(id) } }
    var ids: [Int64] { ids_.withLock { Array($0) } }
}
