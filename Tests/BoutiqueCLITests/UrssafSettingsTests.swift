import BoutiqueCore
import Foundation
import Testing

/// `BOUTIQUE_URSSAF_PMSS` is read by every command at start-up: a wrong value stops it with one line.
@Suite("URSSAF PMSS setting")
struct UrssafSettingsTests {
    @Test("a PMSS setting that is not year=whole euros stops serve with one clear line", arguments: ["2026=4005.50", "2026=4005,2026=4100", "2026"])
    func refused(value: String) async throws {
        // setup
        let folder = try TemporaryFolder()
        // act
        let process = try BoutiqueProcess.start(["serve"], environment: ["BOUTIQUE_DATA_DIR": folder.path, "BOUTIQUE_URSSAF_PMSS": value])
        let status = try await process.wait(timeout: 60)
        // check
        #expect(status != 0)
        #expect(process.standardError.split(separator: "\n").count == 1, "stderr: \(process.standardError)")
        #expect(process.standardError.hasPrefix("boutique: BOUTIQUE_URSSAF_PMSS invalide : « \(value) »"))
        #expect(process.standardError.contains("par ex. 2026=4005,2027=4100"))
    }
}
