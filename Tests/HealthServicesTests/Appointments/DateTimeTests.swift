import Foundation
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
        #expect(Timestamp(iso8601: "0000-01-01T00:00:00-01:00")?.iso8601 == "0000-01-01T01:00:00Z")
        #expect(Timestamp(iso8601: "9999-12-31T23:59:59Z")?.iso8601 == "9999-12-31T23:59:59Z")
        #expect(Timestamp(iso8601: "2000-02-29T12:00:00Z")?.iso8601 == "2000-02-29T12:00:00Z")
    }

    @Test func timestampsWriteTheSameTextAsFoundationsFormatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        // From 1900 (Foundation's calendar is Julian before 1582) to 9999-12-31T23:59:59Z, in uneven steps.
        let last: Int64 = 253_402_300_799
        for seconds in Array(stride(from: Int64(-2_208_988_800), to: last, by: 7_777_777)) + [last] {
            let timestamp = Timestamp(secondsSinceEpoch: seconds)
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(timestamp.iso8601 == text)
            #expect(Timestamp(iso8601: text) == timestamp)
            #expect(Array(text.utf8).withUnsafeBufferPointer { Timestamp(iso8601UTF8: $0) } == timestamp)
            #expect(timestamp.date.iso8601 == String(text.prefix(10)))
        }
    }

    /// A person's day is Bahrain's: it starts at 21:00 UTC the day before.
    @Test func civilDaysStartAtMidnightInBahrain() throws {
        let lateEvening = try #require(Timestamp(iso8601: "2026-12-06T20:59:59Z"))
        let midnight = try #require(Timestamp(iso8601: "2026-12-07T00:00:00+03:00"))
        #expect(lateEvening.civilDate.iso8601 == "2026-12-06" && lateEvening.date.iso8601 == "2026-12-06")
        #expect(midnight.civilDate.iso8601 == "2026-12-07" && midnight.date.iso8601 == "2026-12-06")
        let day = try #require(CalendarDate(iso8601: "2026-12-07"))
        #expect(Timestamp(startOfCivilDay: day) == midnight)
        #expect(Timestamp(startOfCivilDay: day).adding(seconds: -1) == lateEvening)
    }

    @Test func yearsBeyondFourDigitsKeepTheirDigits() {
        #expect(Timestamp(secondsSinceEpoch: -62_167_219_200).iso8601 == "0000-01-01T00:00:00Z")
        #expect(
            Timestamp(secondsSinceEpoch: -62_135_596_800 + (4 * 365 + 1) * 86_400 + 3_723).iso8601
                == "0005-01-01T01:02:03Z")
        #expect(Timestamp(secondsSinceEpoch: 253_402_300_800).iso8601 == "10000-01-01T00:00:00Z")
        #expect(CalendarDate(daysSinceEpoch: 2_932_897).iso8601 == "10000-01-01")
        #expect(CalendarDate(daysSinceEpoch: -719_528).iso8601 == "0000-01-01")
        #expect(Timestamp(iso8601: "10000-01-01T00:00:00Z") == nil)
    }

    @Test func theFixedWidthFormIsUsedForExactlyTheFourDigitYears() {
        for seconds: Int64 in [-62_167_219_201, -62_167_219_200, 0, 253_402_300_799, 253_402_300_800] {
            let timestamp = Timestamp(secondsSinceEpoch: seconds)
            let date = CalendarDate(daysSinceEpoch: seconds.floorDivided(by: 86_400))
            #expect(timestamp.hasFixedISO8601Length == (0...9999).contains(date.year), "\(seconds)")
            let time = seconds.floorDivided(by: 86_400) * 86_400 == seconds ? "T00:00:00Z" : "T23:59:59Z"
            #expect(timestamp.iso8601 == date.iso8601 + time, "\(seconds)")
        }
    }

    @Test func malformedTimestampsAreRefused() {
        for text in [
            "2026-03-01T08:00:00", "2026-03-01 08:00:00Z", "2026-02-30T08:00:00Z", "2026-03-01T24:00:00Z",
            "2026-03-01T08:00:00+3:00", "2026-03-01T08:00:00.Z", "", "2026-13-01T00:00:00Z", "٢٠٢٦-03-01T08:00:00Z",
            // Four-digit years whose instant in UTC has not: it would be written in a form that neither reads
            // back nor sorts.
            "0000-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00",
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
        // Whoever was born on or before the date 18 years earlier is 18; a leap day turns 18 a day after the 28th.
        #expect(CalendarDate(iso8601: "2028-05-17")!.yearsEarlier(18) == CalendarDate(iso8601: "2010-05-17"))
        #expect(CalendarDate(iso8601: "2028-02-29")!.yearsEarlier(18) == CalendarDate(iso8601: "2010-02-28"))
        #expect(CalendarDate(iso8601: "2008-02-29")!.years(until: CalendarDate(iso8601: "2026-02-28")!) == 17)
        #expect(CalendarDate(iso8601: "2026-02-28")!.yearsEarlier(18) == CalendarDate(iso8601: "2008-02-28"))
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
