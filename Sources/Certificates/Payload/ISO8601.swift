import CryptoCore
public import Foundation

/// ISO 8601 / RFC 3339 instants in UTC: formatting to whole seconds with `Z`, and parsing with any number of
/// fractional digits and `Z` or a numeric offset.
public enum ISO8601 {
    public static func format(_ date: Date) -> String {
        format(secondsSince1970: date.timeIntervalSince1970)
    }

    /// The instants ISO 8601 four-digit years can show: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    public static let representableSeconds: ClosedRange<Double> = -62_167_219_200...253_402_300_799

    /// `YYYY-MM-DDTHH:MM:SSZ` for a POSIX time, rounded down to the second; times beyond the four-digit years are
    /// shown as the nearest representable instant.
    public static func format(secondsSince1970: Double) -> String {
        let clamped =
            secondsSince1970.isNaN
            ? 0 : min(max(secondsSince1970, representableSeconds.lowerBound), representableSeconds.upperBound)
        let seconds = Int64(clamped.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        return CivilCalendar.iso8601(days: days) + "T" + CivilCalendar.padded(secondOfDay / 3600, 2) + ":"
            + CivilCalendar.padded(secondOfDay % 3600 / 60, 2) + ":" + CivilCalendar.padded(secondOfDay % 60, 2) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM|±HHMM)`; a missing zone means UTC. Nil when malformed.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt "), let hour = number(2), expect(":"), let minute = number(2)
        else { return nil }
        var second: Int64 = 0
        var fraction = 0.0
        if expect(":") {
            guard let whole = number(2) else { return nil }
            second = whole
            if expect(".,") {
                var scale = 0.1
                let start = index
                while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                    fraction += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        var offsetSeconds: Int64 = 0
        if index < bytes.count {
            if expect("Zz") {
                offsetSeconds = 0
            } else {
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                guard expect("+-"), let offsetHours = number(2) else { return nil }
                _ = expect(":")
                guard let offsetMinutes = number(2) else { return nil }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard index == bytes.count, (1...12).contains(month),
            (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let total = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(total) + fraction)
    }

}
