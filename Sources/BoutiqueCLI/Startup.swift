import ArgumentParser
import BoutiqueCore
import BoutiqueShop
import Foundation
import Logging

/// What every sub-command does first: logging, then the shop's services over the database.
/// Failures become one line on standard error and exit code 1, never a stack trace.
enum Startup {
    static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label, level: level) }
    }

    /// Opens the configured database and builds every use case over it (the one composition root
    /// of `serve`, `worker` and the commands).
    static func openShop(_ settings: Settings, shop: ShopSettings, logger: Logger) async throws -> ShopServices {
        do {
            return try await ShopServices.open(settings.database, replica: settings.replica, settings: shop, logger: logger)
        } catch {
            throw fail(error)
        }
    }

    /// Opens the shop (migrated unless `migrate` is false), runs `body`, closes the database
    /// whatever happens. An `ExitCode` thrown by `body` passes through; any other error is one line.
    static func withShop<T>(_ settings: Settings, shop: ShopSettings? = nil, label: String, migrate: Bool = true,
                            _ body: (ShopServices) async throws -> T) async throws -> T {
        let shopSettings: ShopSettings
        do { shopSettings = try shop ?? settings.shop() } catch { throw fail(error) }
        let services = try await openShop(settings, shop: shopSettings, logger: Logger(label: label))
        do {
            if migrate { try await services.migrate() }
            let result = try await body(services)
            await services.close()
            return result
        } catch let exit as ExitCode {
            await services.close()
            throw exit
        } catch {
            await services.close()
            throw fail(error)
        }
    }

    /// Prints `boutique: <message>` and returns the exit code to throw.
    static func fail(_ error: any Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let message: String
        if let error = error as? ConfigurationError {
            message = error.message
        } else {
            message = String(describing: error)
        }
        FileHandle.standardError.write(Data("boutique: \(message)\n".utf8))
        return ExitCode(1)
    }
}
