import Foundation
import Testing

@Suite("boutique employees import")
struct EmployeesCommandTests {
    static func environment(_ folder: TemporaryFolder) -> [String: String] {
        ["BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_BCRYPT_COST": "4", "BOUTIQUE_LOG_LEVEL": "error",
         "BOUTIQUE_CARD_KEY": Data(repeating: 3, count: 32).base64EncodedString()]
    }

    @Test("10,000 rows import in seconds with a progress display; a file with a bad row imports nothing and exits 1")
    func importWithProgress() async throws {
        // setup
        let folder = try TemporaryFolder()
        let environment = Self.environment(folder)
        let seed = try BoutiqueProcess.start(["demo-seed"], environment: environment)
        #expect(try await seed.wait(timeout: 120) == 0)
        var good = "e-mail;nom;prénom\n"
        for index in 0..<10_000 { good += "personne\(index)@alpha.test;Nom\(index);Prénom\(index)\n" }
        try good.write(toFile: folder.path + "/good.csv", atomically: true, encoding: .utf8)
        try "email;nom;prenom\nun@alpha.test;Un;Une\nmauvaise-adresse;Deux;Deuz\n".write(toFile: folder.path + "/bad.csv", atomically: true, encoding: .utf8)
        // act
        let imported = try BoutiqueProcess.start(["employees", "import", "--tenant", "alpha", folder.path + "/good.csv"], environment: environment)
        let importedStatus = try await imported.wait(timeout: 120)
        let refused = try BoutiqueProcess.start(["employees", "import", "--tenant", "alpha", folder.path + "/bad.csv"], environment: environment)
        let refusedStatus = try await refused.wait(timeout: 60)
        let unknown = try BoutiqueProcess.start(["employees", "import", "--tenant", "inconnu", folder.path + "/good.csv"], environment: environment)
        let unknownStatus = try await unknown.wait(timeout: 60)
        // check
        #expect(importedStatus == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("Import : 500/10000 (5 %)") && imported.standardError.contains("Import : 10000/10000 (100 %)"))
        #expect(imported.standardOutput.contains("Lignes : 10000, ajoutées : 10000, mises à jour : 0, refusées : 0"))
        #expect(refusedStatus == 1)
        #expect(refused.standardOutput.contains("ligne 3 : adresse e-mail invalide : « mauvaise-adresse »"))
        #expect(refused.standardOutput.contains("Rien n'a été importé"))
        #expect(!refused.standardError.contains("Import :"))
        #expect(unknownStatus == 1 && unknown.standardError.contains("CSE inconnu : inconnu"))
    }
}
