import BoutiqueCore
@testable import BoutiquePOS
import BoutiqueShop
import BoutiqueStore
import BoutiqueTestSupport
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import SQLKit
import Testing

/// What a till sees while the database is away (a failover): never a result the shop cannot be
/// sure of, but 503 with `Retry-After`; and the retry with the same key debits once.
@Suite("POS API during a database outage")
struct POSOutageTests {
    @Test("an outage thrown by a use case or by the key check answers 503 problem with Retry-After; another failure 500")
    func middlewareMapsOutages() async throws {
        // setup: the error middleware alone, its next step throwing what the handler or
        // POSAuthMiddleware would (no database: SQLite's closed pool cannot be queried at all).
        var quiet = Logger(label: "boutique.test")
        quiet.logLevel = .critical
        let middleware = POSErrorMiddleware(logger: quiet)
        func answer(throwing error: any Error) async throws -> (HTTPResponse, String) {
            let (response, body) = try await middleware.intercept(
                HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/redemptions"), body: nil,
                metadata: ServerRequestMetadata(), operationID: "redeem") { _, _, _ in throw error }
            return (response, try await String(collecting: body ?? HTTPBody(), upTo: 10_000))
        }
        // act
        let wrapped = try await answer(throwing: POSInternalError(DatabaseReadOnly()))
        let raw = try await answer(throwing: DatabaseReadOnly())
        let bug = try await answer(throwing: POSInternalError(CocoaError(.fileNoSuchFile)))
        // check
        for (response, body) in [wrapped, raw] {
            #expect(response.status == .serviceUnavailable)
            #expect(response.headerFields[.contentType] == "application/problem+json")
            #expect(response.headerFields[.retryAfter] == String(DatabaseOutage.retryAfterSeconds))
            #expect(body.contains("/api/pos/v1/problems/service_unavailable") && body.contains("Idempotency-Key"))
        }
        #expect(bug.0.status == .internalServerError)
        #expect(bug.0.headerFields[.retryAfter] == nil)
    }

    // PostgreSQL only: a closed SQLite pool cannot even be asked (its event loop is gone).
    @Test("the database gone: 503 problem with Retry-After on a redemption, a look-up and a key check, never 500",
          .enabled(if: TestEngine.available.contains(.postgres)))
    func databaseGone() async throws {
        try await POSTestAPI.with(.postgres) { api in
            // setup: the first key is checked (and cached) before the outage, the second is not.
            let card = try #require(try await api.issue(cents: 5_000).first)
            #expect(try await api.lookup(card.number.digits).status == 200)
            let other = try await POSClients(database: api.database).create(actor: .commandLine, name: "Autre enseigne", storeCodes: ["S2"])
            await api.database.close()
            // act: the use case's query fails (wrapped error), then the key's look-up (raw error).
            let redemption = try await api.redeem(card, cents: 700, key: "outage-1")
            let lookup = try await api.lookup(card.number.digits)
            let uncachedKey = try await api.post("/card-lookups", json: #"{"cardNumber":"\#(card.number.digits)"}"#, key: .some(other.key))
            // check
            for answer in [redemption, lookup, uncachedKey] {
                #expect(answer.status == 503, "\(answer.body)")
                #expect(answer.isProblemJSON)
                #expect(answer.problem == "service_unavailable")
                #expect(answer.headers[.retryAfter] == String(DatabaseOutage.retryAfterSeconds))
                #expect(answer.json["detail"] as? String ?? "" != "")
            }
        }
    }

    // Without PostgresFailoverDatabase this test hangs (Fluent's ROLLBACK on the dead connection is
    // never answered): the time limit turns that into a failure. Generous: in the whole suite on two
    // cores this test alone waits about a minute for its database slot and its statements.
    @Test("a connection killed during a redemption's batch: 503 with Retry-After, nothing debited; the retry with the same key debits once",
          .enabled(if: TestEngine.available.contains(.postgres)), .timeLimit(.minutes(5)))
    func connectionKilledDuringBatch() async throws {
        try await POSTestAPI.with(.postgres) { api in
            // setup: another session holds the card's row, so the batch's transaction waits on
            // its lock; that is where its connection is killed, as a failover would.
            let card = try #require(try await api.issue(cents: 5_000).first)
            let holding = AsyncStream<Void>.makeStream()
            let release = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await api.database.withSQLTransaction { sql in
                    try await sql.raw("SELECT id FROM cards WHERE id = \(bind: card.id) FOR UPDATE").run()
                    holding.continuation.yield()
                    for await _ in release.stream {}
                }
            }
            for await _ in holding.stream { break }
            let key = "till-7-1"
            let redemption = Task { try await api.redeem(card, cents: 700, key: key) }
            var killed = 0
            for _ in 0..<500 where killed == 0 {
                try await Task.sleep(for: .milliseconds(20))
                killed = try await api.database.sql.raw("""
                    SELECT count(pg_terminate_backend(pid)) AS killed FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                    """).first()?.decode(column: "killed", as: Int.self) ?? 0
            }
            #expect(killed == 1, "the batch never waited on the card's lock")
            // act
            let answer = try await redemption.value
            release.continuation.finish()
            try await holder.value
            // check: no result, nothing written
            #expect(answer.status == 503, "\(answer.body)")
            #expect(answer.isProblemJSON && answer.problem == "service_unavailable")
            #expect(answer.headers[.retryAfter] == String(DatabaseOutage.retryAfterSeconds))
            #expect(try await api.balance(card) == 5_000)
            // act: the till's retry with the same key, on a fresh connection, then once more
            let retry = try await api.redeem(card, cents: 700, key: key)
            let replay = try await api.redeem(card, cents: 700, key: key)
            // check: one debit, the second answer is the stored one
            #expect(retry.status == 201, "\(retry.body)")
            #expect(replay == retry)
            #expect(try await api.balance(card) == 4_300)
            let rows = try await api.database.sql.raw("""
                SELECT count(*) AS n FROM card_transactions WHERE kind = 'redemption' AND idempotency_key = \(bind: key)
                """).first()?.decode(column: "n", as: Int.self)
            #expect(rows == 1)
            try await api.expectBalanced()
        }
    }
}
