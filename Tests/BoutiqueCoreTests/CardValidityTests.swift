import BoutiqueCore
import Testing

@Suite("Card validity")
struct CardValidityTests {
    func day(_ y: Int, _ m: Int, _ d: Int) throws -> CalendarDate { try CalendarDate(year: y, month: m, day: d) }

    @Test("the guide's card bought on 10/07/2019 expires on 09/07/2020")
    func guideExample() throws {
        // act
        let last = CardValidity.standard.lastDay(purchasedOn: try day(2019, 7, 10))
        // check
        #expect(last.french == "09/07/2020")
        #expect(CardValidity.standard.endExclusive(purchasedOn: try day(2019, 7, 10)).iso == "2020-07-10")
    }

    @Test("29 February rolls forward: bought 29/02/2028, valid through 28/02/2029")
    func leapDay() throws {
        #expect(CardValidity.standard.lastDay(purchasedOn: try day(2028, 2, 29)).french == "28/02/2029")
        // and a card bought the day before a leap day keeps its full year
        #expect(CardValidity.standard.lastDay(purchasedOn: try day(2027, 2, 28)).french == "27/02/2028")
        #expect(CardValidity.standard.lastDay(purchasedOn: try day(2027, 3, 1)).french == "29/02/2028")
    }

    @Test("month ends: a shorter target month never shortens the validity", arguments: [
        (2027, 1, 31, 1, "28/02/2027"),
        (2028, 1, 31, 1, "29/02/2028"),
        (2027, 3, 31, 1, "30/04/2027"),
        (2027, 8, 31, 6, "29/02/2028"),
        (2026, 8, 31, 6, "28/02/2027"),
        (2026, 12, 31, 12, "30/12/2027"),
        (2026, 12, 15, 1, "14/01/2027"),
        (2027, 1, 1, 12, "31/12/2027"),
    ])
    func monthEnds(year: Int, month: Int, dayOfMonth: Int, months: Int, expected: String) throws {
        // setup
        let validity = try CardValidity(months: months)
        // act
        let last = validity.lastDay(purchasedOn: try day(year, month, dayOfMonth))
        // check
        #expect(last.french == expected)
    }

    @Test("impossible dates and durations are refused")
    func invalid() {
        #expect(throws: CalendarDateError.invalid(year: 2027, month: 2, day: 29)) { try CalendarDate(year: 2027, month: 2, day: 29) }
        #expect(throws: CalendarDateError.invalid(year: 2027, month: 13, day: 1)) { try CalendarDate(year: 2027, month: 13, day: 1) }
        #expect(throws: CardValidityError.invalidMonths(0)) { try CardValidity(months: 0) }
        #expect(CalendarDate.isLeap(2000) && !CalendarDate.isLeap(2100) && CalendarDate.isLeap(2028))
    }
}
