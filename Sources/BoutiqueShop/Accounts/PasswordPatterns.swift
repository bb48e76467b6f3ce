/// Long passwords that are still guessed at once: one character repeated, or a run along the
/// alphabet, the digits or a keyboard row (and backwards). The common-passwords list leaves them
/// out on purpose (its source scored them by these rules instead), so they are checked here.
enum PasswordPatterns {
    /// Each run read cyclically, so `123456789012` (…9, 0, 1, 2) and `azertyuiopqs` (row to row) match.
    static let runs = [
        "0123456789",
        "abcdefghijklmnopqrstuvwxyz",
        // French AZERTY rows, then QWERTY rows, each read left to right and row after row.
        "azertyuiopqsdfghjklmwxcvbn",
        "qwertyuiopasdfghjklzxcvbnm",
    ]

    /// `aaaaaaaaaaaa`, twelve spaces.
    static func isRepeated(_ password: String) -> Bool {
        Set(password).count == 1
    }

    static func isSequence(_ password: String) -> Bool {
        let lowered = password.lowercased()
        let reversed = String(lowered.reversed())
        return runs.contains { run in
            // Enough turns of the run to hold any password of the allowed length at any start.
            let turns = String(repeating: run, count: lowered.count / run.count + 2)
            return turns.contains(lowered) || turns.contains(reversed)
        }
    }
}
