import BoutiqueShop
import BoutiqueStore
import Logging
import ServiceLifecycle

/// The background workers a process runs: one `JobWorker` with the shop's job kinds.
enum Workers {
    static func make(database: BoutiqueDatabase, settings: Settings, logger: Logger) -> [any Service] {
        let options = JobWorker.Options(concurrency: settings.workerConcurrency, periodic: ShopJobs.periodic)
        return [JobWorker(queue: JobQueue(database: database), registry: ShopJobs.registry(database: database),
                          options: options, logger: Logger(label: "boutique.jobs"))]
    }
}
