import BoutiqueCore
import BoutiqueStore
import Foundation

/// Decides and writes a batch of redemptions in one transaction, in four statements whatever the
/// batch's size: lock the cards, store the idempotency keys with their answers, write the
/// balances, write the ledger rows.
///
/// Commands are decided in arrival order on the locked balances, so several debits of one card in
/// one batch behave exactly as if they had come one after the other. Locks are always taken cards
/// first (in id order), keys second (in key order), here and in reversals: two instances' batches
/// never wait on each other in a cycle.
enum RedemptionBatch {
    /// Keys that a request committed before this batch already holds: the batch must roll back
    /// and run again without them (they replay the stored answer instead).
    struct KeysTaken: Error {
        let keys: Set<IdempotencyKeyID>
    }

    /// - Parameter taken: keys known to belong to earlier requests; their commands replay.
    static func run(_ commands: [DebitCommand], taken: Set<IdempotencyKeyID>, on ledger: POSLedger) async throws -> [DebitAnswer] {
        var answers = [DebitAnswer](repeating: .replay, count: commands.count)
        let owners = owners(of: commands, excluding: taken)
        var balances = try await ledger.lockBalances(Array(Set(owners.compactMap { commands[$0].cardID })))
        var debits: [LedgerDebit] = []
        var stored: [IdempotencyAnswer] = []
        for index in owners {
            let command = commands[index]
            let outcome = decide(command, balances: &balances)
            if case .success(let result) = outcome, let cardID = command.cardID {
                debits.append(LedgerDebit(cardID: cardID, amount: command.amount, balanceAfter: result.balanceAfter,
                                          entry: command.entry))
            }
            answers[index] = .decided(outcome)
            stored.append(IdempotencyAnswer(id: command.key, requestHash: command.requestHash, response: try PosIdempotency.text(outcome)))
        }
        let time = commands.map(\.entry.createdAt).max() ?? 0
        let kept = try await ledger.storeAnswers(stored, now: time)
        if kept.count < stored.count {
            throw KeysTaken(keys: Set(stored.map(\.id)).subtracting(kept))
        }
        try await ledger.applyDebits(debits)
        return answers
    }

    /// The index of each key's first command, in arrival order; a later command with the same key
    /// (sent again before the first was answered) replays the first one's answer.
    private static func owners(of commands: [DebitCommand], excluding taken: Set<IdempotencyKeyID>) -> [Int] {
        var seen = taken
        var owners: [Int] = []
        for (index, command) in commands.enumerated() where seen.insert(command.key).inserted { owners.append(index) }
        return owners
    }

    /// One command's outcome on the locked balances; a debit lowers the card's balance for the
    /// commands after it.
    static func decide(_ command: DebitCommand, balances: inout [UUID: CardBalance]) -> Result<RedemptionResult, CardRefusal> {
        guard let id = command.cardID, var card = balances[id] else { return .failure(.unknownCard) }
        switch card.effectiveStatus(at: command.entry.createdAt) {
        case .blocked: return .failure(.cardBlocked)
        case .expired: return .failure(.cardExpired)
        case .active: break
        }
        if let refusal = command.ruleRefusal { return .failure(refusal) }
        guard card.balanceCents >= command.amount else { return .failure(.insufficientFunds) }
        card.balanceCents -= command.amount
        balances[id] = card
        return .success(RedemptionResult(redemptionID: command.entry.id, amount: command.amount, balanceAfter: card.balanceCents,
                                         cardLast4: command.cardLast4, createdAt: command.entry.createdAt))
    }
}
