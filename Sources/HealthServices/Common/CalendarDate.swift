import CryptoCore

/// A day of the proleptic Gregorian calendar, read and written as ISO 8601 `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses exactly `YYYY-MM-DD` with a real month and day (29 February only in leap years).
    public init?(iso8601 text: String) {
        var text = text
        guard let date = text.withUTF8({ Self(iso8601UTF8: $0) }) else { return nil }
        self = date
    }

    /// Parses the UTF-8 bytes of exactly `YYYY-MM-DD`, as ``init(iso8601:)`` does.
    public init?(iso8601UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10 else { return nil }
        self.init(digits: bytes, at: 0)
    }

    /// Reads `YYYY-MM-DD` from the ten bytes at `start`.
    init?(digits bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
        guard start + 10 <= bytes.count, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = ISO8601Digits.number(bytes, start, 4), let month = ISO8601Digits.number(bytes, start + 5, 2),
            let day = ISO8601Digits.number(bytes, start + 8, 2),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: Int64(month), year: Int64(year))
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int64) {
        let (year, month, day) = CivilCalendar.date(days: days)
        self.year = Int(year)
        self.month = Int(month)
        self.day = Int(day)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int64 {
        CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    /// Whole years from this date to `date` (an age, when this is a date of birth).
    public func years(until date: CalendarDate) -> Int {
        let years = date.year - year
        return (date.month, date.day) < (month, day) ? years - 1 : years
    }

    /// The same month and day `years` years earlier; 29 February becomes the 28th in a year without it. Whoever was
    /// born on or before it is at least `years` old on this date (``years(until:)``).
    public func yearsEarlier(_ years: Int) -> CalendarDate {
        let earlier = Int64(year - years)
        let lastDay = CivilCalendar.daysIn(month: Int64(month), year: earlier)
        return CalendarDate(
            daysSinceEpoch: CivilCalendar.days(year: earlier, month: Int64(month), day: min(Int64(day), lastDay)))
    }

    /// `YYYY-MM-DD`; a year outside 0…9999 is written with as many digits as it has.
    public var iso8601: String {
        guard hasFourDigitYear else {
            let yearText = String(year)
            let monthAndDay = String(unsafeUninitializedCapacity: 6) { buffer in
                buffer[0] = UInt8(ascii: "-")
                ISO8601Digits.write(month, 2, to: buffer.baseAddress!, at: 1)
                buffer[3] = UInt8(ascii: "-")
                ISO8601Digits.write(day, 2, to: buffer.baseAddress!, at: 4)
                return 6
            }
            return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + monthAndDay
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            writeISO8601(to: buffer.baseAddress!, at: 0)
            return 10
        }
    }

    /// Whether the year has the four digits of the fixed-width `YYYY-MM-DD`.
    var hasFourDigitYear: Bool { (0...9999).contains(year) }

    /// Writes the ten bytes of `YYYY-MM-DD` at `out + start`; only for a date with ``hasFourDigitYear``.
    func writeISO8601(to out: UnsafeMutablePointer<UInt8>, at start: Int) {
        ISO8601Digits.write(year, 4, to: out, at: start)
        out[start + 4] = UInt8(ascii: "-")
        ISO8601Digits.write(month, 2, to: out, at: start + 5)
        out[start + 7] = UInt8(ascii: "-")
        ISO8601Digits.write(day, 2, to: out, at: start + 8)
    }

    public var description: String { iso8601 }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDate: ISO8601TextRepresentable {}

extension CalendarDate {
    /// 2020-01-01: no COVID-19 test or dose is from before it (the first trials' doses were in 2020), so a record
    /// dated earlier is a year typed wrong.
    static let earliestCovidRecord = CalendarDate(daysSinceEpoch: 18_262)
}
