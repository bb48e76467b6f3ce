import ArgumentParser
import BoutiqueStore
import Foundation
import Logging

/// What every sub-command does first: logging, then the database. Failures become one line on
/// standard error and exit code 1, never a stack trace.
enum Startup {
    static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label, level: level) }
    }

    static func openDatabase(_ settings: Settings, logger: Logger) async throws -> BoutiqueDatabase {
        do {
            return try await BoutiqueDatabase.open(settings.database, logger: logger)
        } catch {
            throw fail(error)
        }
    }

    /// Prints `boutique: <message>` and returns the exit code to throw.
    static func fail(_ error: any Error) -> ExitCode {
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
