@testable import BoutiqueCLI
import BoutiqueCore
import BoutiqueShop
import Foundation
import Testing

/// The staff's security settings as a deployment sets them: what the environment says reaches
/// the shop's use cases (`Settings.load` → `ShopSettings`), and the defaults are the safe ones.
@Suite("Staff security settings")
struct StaffSecuritySettingsTests {
    static func shop(_ environment: [String: String]) throws -> ShopSettings {
        try Settings.load(environment: environment).shop()
    }

    @Test("outside the demo operators must have a second factor unless BOUTIQUE_OPERATOR_2FA=optional; in the demo they may")
    func operatorSecondFactor() throws {
        let production = ServeCommandTests.production, demo = ["BOUTIQUE_DEMO": "1"]
        #expect(try Self.shop(production).operatorsNeedSecondFactor)
        #expect(try Self.shop(production.merging(["BOUTIQUE_OPERATOR_2FA": ""]) { $1 }).operatorsNeedSecondFactor)
        #expect(try !Self.shop(production.merging(["BOUTIQUE_OPERATOR_2FA": "optional"]) { $1 }).operatorsNeedSecondFactor)
        #expect(try !Self.shop(demo).operatorsNeedSecondFactor)
        #expect(try Self.shop(demo.merging(["BOUTIQUE_OPERATOR_2FA": "Required"]) { $1 }).operatorsNeedSecondFactor)
    }

    @Test("staff sessions last 30 min idle and 8 h at most unless BOUTIQUE_STAFF_SESSION_IDLE_MINUTES / _HOURS say otherwise; employees' are untouched")
    func staffSessions() throws {
        let defaults = try Self.shop(["BOUTIQUE_DEMO": "1"]).sessionLimits
        let shorter = try Self.shop(["BOUTIQUE_DEMO": "1", "BOUTIQUE_STAFF_SESSION_IDLE_MINUTES": "10",
                                     "BOUTIQUE_STAFF_SESSION_HOURS": "2"]).sessionLimits
        #expect(defaults.idle(for: .operator) == .seconds(30 * 60) && defaults.absolute(for: .manager) == .seconds(8 * 3_600))
        #expect(shorter.idle(for: .operator) == .seconds(10 * 60) && shorter.idle(for: .manager) == .seconds(10 * 60))
        #expect(shorter.absolute(for: .operator) == .seconds(2 * 3_600) && shorter.absolute(for: .manager) == .seconds(2 * 3_600))
        #expect(shorter.idle(for: .employee) == defaults.idle(for: .employee))
        #expect(shorter.absolute(for: .employee) == defaults.absolute(for: .employee))
    }

    @Test("a wrong staff session or 2FA setting stops start-up with a French line naming the variable", arguments: [
        ("BOUTIQUE_STAFF_SESSION_IDLE_MINUTES", "beaucoup"), ("BOUTIQUE_STAFF_SESSION_IDLE_MINUTES", "0"),
        ("BOUTIQUE_STAFF_SESSION_HOURS", "-1"), ("BOUTIQUE_OPERATOR_2FA", "parfois"),
    ])
    func wrongValue(variable: String, value: String) {
        #expect {
            _ = try Settings.load(environment: ["BOUTIQUE_DEMO": "1", variable: value])
        } throws: { error in
            (error as? ConfigurationError)?.message.hasPrefix("\(variable) invalide") == true
        }
    }
}
