import BoutiqueStore
import Foundation
import SQLKit

/// Decides and writes a batch of redemptions in one transaction, in five statements whatever the
/// batch's size: claim the idempotency keys, lock the cards, write the balances, write the ledger
/// rows, complete the keys with their responses.
///
/// Commands are decided in arrival order on the locked balances, so several debits of one card in
/// one batch behave exactly as if they had come one after the other.
enum RedemptionBatch {
    static func run(_ commands: [DebitCommand], on sql: any SQLDatabase) async throws -> [DebitAnswer] {
        var answers = [DebitAnswer](repeating: .replay, count: commands.count)
        let owners = try await claim(commands, on: sql)
        let cardIDs = Set(owners.compactMap { commands[$0].cardID })
        var balances = try await CardLedger.lockBalances(Array(cardIDs), on: sql)
        var debits: [LedgerDebit] = []
        var responses: [(id: IdempotencyKeyID, statusCode: Int, response: String)] = []
        for index in owners {
            let command = commands[index]
            let outcome = decide(command, balances: &balances)
            if case .success(let result) = outcome, let cardID = command.cardID {
                debits.append(LedgerDebit(cardID: cardID, amount: command.amount, balanceAfter: result.balanceAfter,
                                          entry: command.entry))
            }
            answers[index] = .decided(outcome)
            responses.append((command.key, PosIdempotency.statusCode(outcome), try PosIdempotency.text(outcome)))
        }
        try await CardLedger.applyDebits(debits, on: sql)
        try await POSClientStore.completeIdempotency(responses, on: sql)
        return answers
    }

    /// Claims each key once (its first command in the batch); returns the indices of the commands
    /// that own their key, in arrival order.
    private static func claim(_ commands: [DebitCommand], on sql: any SQLDatabase) async throws -> [Int] {
        var first: [IdempotencyKeyID: Int] = [:]
        for (index, command) in commands.enumerated() where first[command.key] == nil { first[command.key] = index }
        let claims = first.map { key, index in (id: key, requestHash: commands[index].requestHash) }
        let time = commands.map(\.entry.createdAt).max() ?? 0
        let claimed = try await POSClientStore.claimIdempotency(claims, now: time, on: sql)
        return first.filter { claimed.contains($0.key) }.map(\.value).sorted()
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
