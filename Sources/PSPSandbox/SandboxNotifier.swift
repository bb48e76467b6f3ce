import BoutiqueCore
import AsyncHTTPClient
import BoutiquePayments
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers the sandbox's server-to-server notifications and expires abandoned payments, as a
/// swift-service-lifecycle service (add it to the application's services).
///
/// Each final outcome queued a notification `notificationDelay` ahead; this loop POSTs
/// `{"token": …}` (signed, see `SandboxAPI.Notification`) to the shop until a 2xx, waiting
/// `initialRetryDelay`, then twice as long each time up to `maximumRetryDelay`, and gives up after
/// `notificationDeadline`. The queue is in the database, so a restart loses nothing.
public struct SandboxNotifier: Service {
    let sandbox: PaymentSandbox
    /// At most this many notifications per round.
    let batchSize = 20

    public func run() async throws {
        let interval = sandbox.configuration.pollInterval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await runOnce()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round: expire what is due, then deliver what is due. Errors are logged; the next round
    /// tries again.
    func runOnce() async {
        let time = sandbox.nowMilliseconds
        do {
            let (notifyAt, giveUpAt) = sandbox.schedule(from: time)
            let expired = try await sandbox.store.expireDue(now: time, notifyAt: notifyAt, giveUpAt: giveUpAt)
            for token in expired { sandbox.logger.info("Paiement \(token) expiré sans résultat") }
            let lease = sandbox.configuration.notificationTimeout.milliseconds + 5_000
            let due = try await sandbox.store.claimDueNotifications(now: time, lease: lease, limit: batchSize)
            for notification in due {
                guard !Task.isCancelled else { return }
                try await deliver(notification)
            }
        } catch {
            sandbox.logger.error("Simulateur de paiement, notifications : \(String(reflecting: error))")
        }
    }

    private func deliver(_ notification: SandboxStore.DueNotification) async throws {
        let failure = await post(notification)
        // Stopping mid-call is no failure of the shop's: the lease runs out and the next start retries.
        if failure != nil, Task.isCancelled { return }
        let time = sandbox.nowMilliseconds
        guard let failure else {
            try await sandbox.store.markDelivered(notification.id, at: time)
            sandbox.logger.info("Notification du paiement \(notification.token) acquittée (tentative \(notification.attempts))")
            return
        }
        let retryAt = time + retryDelay(afterAttempt: notification.attempts)
        let next: Int64? = retryAt <= notification.giveUpAt ? retryAt : nil
        try await sandbox.store.markFailed(notification.id, error: failure, retryAt: next)
        if next == nil {
            sandbox.logger.error("Notification du paiement \(notification.token) abandonnée après \(notification.attempts) tentatives : \(failure)")
        } else {
            sandbox.logger.warning("Notification du paiement \(notification.token) en échec (tentative \(notification.attempts)) : \(failure)")
        }
    }

    /// - Returns: nil when the shop acknowledged (2xx), else what went wrong.
    private func post(_ notification: SandboxStore.DueNotification) async -> String? {
        let payload = (try? JSONEncoder().encode(SandboxAPI.Notification(token: notification.token))) ?? Data()
        var request = HTTPClientRequest(url: notification.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: SandboxAPI.signatureHeader,
                            value: WebhookSignature.sign(payload: payload, secret: sandbox.configuration.secret, timestamp: sandbox.configuration.now()))
        request.body = .bytes(ByteBuffer(bytes: payload))
        do {
            let timeout = TimeAmount.milliseconds(sandbox.configuration.notificationTimeout.milliseconds)
            let response = try await sandbox.httpClient.execute(request, timeout: timeout)
            // Read (and bound) the body so that the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1_024)
            return (200..<300).contains(Int(response.status.code)) ? nil : "HTTP \(response.status.code)"
        } catch {
            return String(describing: error)
        }
    }

    /// `initialRetryDelay × 2^(attempt − 1)`, at most `maximumRetryDelay`, in milliseconds.
    func retryDelay(afterAttempt attempt: Int) -> Int64 {
        let initial = max(1, sandbox.configuration.initialRetryDelay.milliseconds)
        let maximum = sandbox.configuration.maximumRetryDelay.milliseconds
        let exponent = min(max(attempt - 1, 0), 32)
        let (delay, overflow) = initial.multipliedReportingOverflow(by: Int64(1) << exponent)
        return overflow ? maximum : min(delay, maximum)
    }
}
