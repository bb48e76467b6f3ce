import BoutiqueCore
@testable import BoutiqueShop
import Testing

@Suite("FEC layout and chart of accounts")
struct FECWriterTests {
    static let day = try! CalendarDate(year: 2026, month: 12, day: 7)

    @Test("a negative amount goes to the other side, zero lines are left out, amounts have a decimal comma and no separator")
    func entry() {
        let accounts = JournalAccounts.standard
        let entry = JournalEntry(journal: .cards, date: Self.day, pieceReference: "CAISSES-20261207", label: "Caisses\tdu jour", lines: [
            .debit(accounts.cardLiability, -1_234_567), .credit(accounts.retailers, -1_234_567), .debit(accounts.bank, 0),
        ])
        let lines = FECWriter.text([entry]).components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: "\t") }
        #expect(entry.isBalanced && entry.lines.count == 2)
        #expect(lines.count == 3 && lines.allSatisfy { $0.count == 18 })
        #expect(lines[1][4] == "419100" && lines[1][11] == "0,00" && lines[1][12] == "12345,67")
        #expect(lines[2][4] == "467100" && lines[2][11] == "12345,67" && lines[2][12] == "0,00")
        #expect(lines[1][10] == "Caisses du jour", "a tab in a label would shift every field after it")
        #expect(FECWriter.amount(5) == "0,05" && FECWriter.amount(100) == "1,00")
    }

    @Test("the file is ISO 8859-15 and named after the SIREN and the closing day")
    func encoding() {
        #expect(FECWriter.latin9("é€Œ’x") == [0xE9, 0xA4, 0xBC, 0x27, 0x78])
        #expect(FECWriter.latin9("日") == [0x3F])
        #expect(FECWriter.fileName(siren: "123 456 789", closing: Self.day) == "123456789FEC20261207.txt")
    }

    @Test("accounts from the settings: a number with or without its label; anything else refused in French")
    func settings() {
        let set = JournalAccounts.configured(["BOUTIQUE_FEC_ACCOUNT_CARD_LIABILITY": "4191", "BOUTIQUE_FEC_ACCOUNT_BANK": "512100 Banque Populaire"])
        #expect(set.accounts?.cardLiability == JournalAccounts.Account(number: "4191", label: JournalAccounts.standard.cardLiability.label))
        #expect(set.accounts?.bank == JournalAccounts.Account(number: "512100", label: "Banque Populaire"))
        #expect(set.accounts?.customers == JournalAccounts.standard.customers)
        for wrong in ["41", "9999", "41A000", "8123"] {
            let refused = JournalAccounts.configured(["BOUTIQUE_FEC_ACCOUNT_PSP": wrong])
            #expect(refused.accounts == nil && refused.error?.contains("BOUTIQUE_FEC_ACCOUNT_PSP") == true, "\(wrong)")
        }
    }
}
