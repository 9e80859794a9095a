import Testing

@testable import HealthServices

@Suite struct DateTimeTests {
    @Test func timestampsReadZonesAndFractionsAndWriteUTC() throws {
        #expect(Timestamp(iso8601: "2026-03-01T08:00:00Z")?.iso8601 == "2026-03-01T08:00:00Z")
        #expect(Timestamp(iso8601: "2026-03-01T08:00:00+03:00")?.iso8601 == "2026-03-01T05:00:00Z")
        #expect(Timestamp(iso8601: "2026-03-01T01:30:00-02:30")?.iso8601 == "2026-03-01T04:00:00Z")
        #expect(Timestamp(iso8601: "2026-03-01T08:00:00.125Z")?.iso8601 == "2026-03-01T08:00:00Z")
        #expect(Timestamp(iso8601: "1970-01-01T00:00:00Z")?.secondsSinceEpoch == 0)
        #expect(Timestamp(iso8601: "1969-12-31T23:59:59Z")?.secondsSinceEpoch == -1)
        #expect(Timestamp(iso8601: "2000-02-29T12:00:00Z")?.iso8601 == "2000-02-29T12:00:00Z")
    }

    @Test func malformedTimestampsAreRefused() {
        for text in [
            "2026-03-01T08:00:00", "2026-03-01 08:00:00Z", "2026-02-30T08:00:00Z", "2026-03-01T24:00:00Z",
            "2026-03-01T08:00:00+3:00", "2026-03-01T08:00:00.Z", "", "2026-13-01T00:00:00Z", "٢٠٢٦-03-01T08:00:00Z",
        ] {
            #expect(Timestamp(iso8601: text) == nil, "\(text)")
        }
    }

    @Test func calendarDatesRoundTripThroughDayNumbers() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(iso8601: date.iso8601) == date || date.year < 0)
        }
        #expect(CalendarDate(iso8601: "2024-02-29") != nil)
        #expect(CalendarDate(iso8601: "2023-02-29") == nil)
        #expect(CalendarDate(iso8601: "1900-02-29") == nil)
        #expect(CalendarDate(iso8601: "2010-05-17")!.years(until: CalendarDate(iso8601: "2028-05-16")!) == 17)
        #expect(CalendarDate(iso8601: "2010-05-17")!.years(until: CalendarDate(iso8601: "2028-05-17")!) == 18)
    }

    @Test func durationsAcceptMinutesHoursAndDaysOnly() {
        #expect(DurationText.minutes("15m") == 15)
        #expect(DurationText.minutes("1h") == 60)
        #expect(DurationText.minutes("30d") == 43_200)
        for text in ["", "m", "0m", "-5m", "15", "15s", "1.5h", "+5m", "１5m"] {
            #expect(DurationText.minutes(text) == nil, "\(text)")
        }
    }
}
