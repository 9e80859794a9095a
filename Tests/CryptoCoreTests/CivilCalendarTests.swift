import Testing

@testable import CryptoCore

/// The one calendar conversion every date of the project goes through.
@Suite struct CivilCalendarTests {
    @Test func knownDaysMatchTheirDates() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.days(year: 2000, month: 2, day: 29) == 11_016)
        #expect(CivilCalendar.days(year: 0, month: 3, day: 1) == -719_468)
        #expect(CivilCalendar.iso8601(days: 20_793) == "2026-12-06")
        #expect(CivilCalendar.iso8601(days: -719_468) == "0000-03-01")
    }

    @Test func daysAndDatesAreInversesAcrossEras() {
        for days in stride(from: Int64(-800_000), through: 3_000_000, by: 997) {
            let (year, month, day) = CivilCalendar.date(days: days)
            #expect((1...12).contains(month) && day >= 1 && day <= CivilCalendar.daysIn(month: month, year: year))
            #expect(CivilCalendar.days(year: year, month: month, day: day) == days)
        }
    }

    @Test func februaryFollowsTheGregorianLeapYears() {
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilCalendar.daysIn(month: 4, year: 2026) == 30)
        #expect(CivilCalendar.padded(-7, 4) == "-0007")
    }
}
