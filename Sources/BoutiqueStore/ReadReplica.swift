import BoutiqueCore
import Foundation
import Logging
import SQLKit
import Synchronization

/// A PostgreSQL standby that serves the consoles' reports (exports, dashboards, the accounting
/// file), so that a treasurer's year of orders is not read from the primary the tills write to.
///
/// Reports read it only while it is fresh: its replay lag is measured at most once per
/// `checkInterval` and, beyond `maxLag` or when the standby does not answer, reports read the
/// primary until it is back (each change is logged once). A report may then be up to `maxLag`
/// old: the consoles' figures, never a balance a till or an employee acts on.
public final class ReadReplica: Sendable {
    /// How far behind the primary a standby is: zero when it has replayed all it received from a
    /// streaming primary (an idle primary sends nothing, and the last replayed commit can be old);
    /// else the age of its last replayed commit. A server not in recovery (a promoted standby)
    /// lags by nothing.
    public typealias LagProbe = @Sendable (any SQLDatabase) async throws -> Duration

    public let database: BoutiqueDatabase
    public let maxLag: Duration
    private let checkInterval: Duration
    private let probe: LagProbe
    private let logger: Logger
    private let state = Mutex<(checkedAt: ContinuousClock.Instant, fresh: Bool)?>(nil)

    public init(database: BoutiqueDatabase, maxLag: Duration, checkInterval: Duration = .seconds(1),
                logger: Logger, probe: @escaping LagProbe = ReadReplica.postgresLag) {
        self.database = database
        self.maxLag = maxLag
        self.checkInterval = checkInterval
        self.probe = probe
        self.logger = logger
    }

    /// The database reports read now: this replica while it is fresh, else `primary`.
    public func reader(or primary: BoutiqueDatabase) async -> BoutiqueDatabase {
        await isFresh() ? database : primary
    }

    func isFresh() async -> Bool {
        let now = ContinuousClock.now
        if let last = state.withLock({ $0 }), now - last.checkedAt < checkInterval { return last.fresh }
        let fresh: Bool
        var reason = ""
        do {
            let lag = try await probe(database.sql)
            fresh = lag <= maxLag
            if !fresh { reason = "réplique en retard de \(lag.components.seconds) s (limite \(maxLag.components.seconds) s)" }
        } catch {
            fresh = false
            reason = "réplique injoignable (\(String(describing: error)))"
        }
        let previous = state.withLock { state in
            defer { state = (now, fresh) }
            return state?.fresh
        }
        if previous != fresh {
            if fresh {
                if previous != nil { logger.notice("Les rapports lisent de nouveau la réplique.") }
            } else {
                logger.warning("Les rapports lisent la base principale : \(reason).")
            }
        }
        return fresh
    }

    /// The standby's lag as PostgreSQL reports it (see `LagProbe`).
    public static let postgresLag: LagProbe = { sql in
        let row = try await sql.raw("""
            SELECT CASE
                     WHEN NOT pg_is_in_recovery() THEN 0
                     WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                          AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
                     ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
                   END::float8 AS lag
            """).first()
        let seconds = try row?.decode(column: "lag", as: Double.self) ?? 1e9
        return .milliseconds(Int64(min(seconds, 1e9) * 1000))
    }
}

extension BoutiqueDatabase {
    /// The consoles' reports, on `replica` while it is fresh, else on this database.
    public func reports(replica: ReadReplica?) async -> ReportTable {
        guard let replica else { return tables.reports }
        return await replica.reader(or: self).tables.reports
    }
}
