import BoutiqueCore
import Testing

@Suite("URSSAF ceilings")
struct UrssafCeilingTests {
    @Test("5 % of the 2026 monthly ceiling of 4,005 € is 200 € per event")
    func ceiling2026() {
        #expect(UrssafCeiling.standard.ceiling(year: 2026) == Money(cents: 20_000))
        #expect(UrssafCeiling.standard.ceiling(year: 2025) == Money(cents: 19_600))
        // an unconfigured later year keeps the latest known value
        #expect(UrssafCeiling.standard.ceiling(year: 2027) == Money(cents: 20_000))
    }

    @Test("the warning comes exactly when the running total for the event would pass the ceiling", arguments: [
        (15_000, 5_000, false), (15_000, 5_001, true), (0, 20_000, false), (0, 20_001, true), (20_000, 1, true),
    ])
    func warning(given: Int, adding: Int, exceeds: Bool) {
        #expect(UrssafCeiling.standard.exceeds(alreadyGiven: Money(cents: given), adding: Money(cents: adding), year: 2026) == exceeds)
    }

    @Test("what is left for an event never goes below zero, and ceilings are configurable per year")
    func remaining() {
        #expect(UrssafCeiling.standard.remaining(alreadyGiven: Money(cents: 15_000), year: 2026) == Money(cents: 5_000))
        #expect(UrssafCeiling.standard.remaining(alreadyGiven: Money(cents: 25_000), year: 2026) == .zero)
        let custom = UrssafCeiling(monthlyCeilings: [2026: 500_000])
        #expect(custom.ceiling(year: 2026) == Money(cents: 25_000))
    }

    @Test("a configured PMSS is read in whole euros and merged over the built-in years; a year without one says which it uses")
    func configured() throws {
        // setup
        let overrides = try #require(UrssafCeiling.parse("2026=4005, 2027=4100"))
        // act
        let ceiling = UrssafCeiling.standard.merging(overrides)
        let later = ceiling.basis(year: 2029)
        // check
        #expect(overrides == [2026: 400_500, 2027: 410_000])
        #expect(ceiling.ceiling(year: 2027) == Money(cents: 20_500) && ceiling.ceiling(year: 2025) == Money(cents: 19_600))
        #expect(ceiling.basis(year: 2027).isConfigured && ceiling.basis(year: 2027).pmss == Money(cents: 410_000))
        #expect(!later.isConfigured && later.pmssYear == 2027 && later.ceiling == Money(cents: 20_500))
        #expect(UrssafCeiling.standard.basis(year: 2020).pmssYear == 2024)
    }

    @Test("a PMSS setting that is not year=whole euros, out of range or repeated is refused", arguments: [
        "2026", "2026=4005.50", "2026=4 0O5", "abcd=4005", "2026=4005,", "2026=400", "2026=400500", "1999=4005", "2026=4005,2026=4100", "=4005",
    ])
    func refused(text: String) {
        #expect(UrssafCeiling.parse(text) == nil)
    }

    @Test("every event has its French label")
    func labels() {
        #expect(UrssafEvent.allCases.count == 10)
        #expect(UrssafEvent.christmasChildren.label == "Noël des enfants (jusqu'à 16 ans)")
        #expect(Set(UrssafEvent.allCases.map(\.label)).count == 10)
    }
}
