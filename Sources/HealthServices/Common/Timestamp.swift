/// An instant to the second, in UTC; reads RFC 3339 / ISO 8601 with a zone, writes `YYYY-MM-DDTHH:MM:SSZ`.
///
/// The written form sorts in time order as text, which is how the database stores and compares instants.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339 §5.6); fractions of a second are dropped. Nil
    /// also for an instant whose UTC year is outside 0000…9999.
    public init?(iso8601 text: String) {
        var text = text
        guard let timestamp = text.withUTF8({ Self(iso8601UTF8: $0) }) else { return nil }
        self = timestamp
    }

    /// Parses the UTF-8 bytes of an RFC 3339 timestamp, as ``init(iso8601:)`` does.
    public init?(iso8601UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        guard let date = CalendarDate(digits: bytes, at: 0),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let hour = ISO8601Digits.number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
            let minute = ISO8601Digits.number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
            let second = ISO8601Digits.number(bytes, 17, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > start, index < bytes.count else { return nil }
        }
        let offsetSeconds: Int64
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
            offsetSeconds = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, let offsetHour = ISO8601Digits.number(bytes, index + 1, 2),
                bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = ISO8601Digits.number(bytes, index + 4, 2),
                offsetHour < 24, offsetMinute < 60
            else { return nil }
            let magnitude = Int64(offsetHour * 3600 + offsetMinute * 60)
            offsetSeconds = bytes[index] == UInt8(ascii: "+") ? magnitude : -magnitude
        default:
            return nil
        }
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        // In UTC the year must still have four digits (0000-01-01T00:00:00+01:00 is in year -1), or the written
        // form would neither read back nor sort as text.
        guard Self.fixedISO8601Range.contains(local - offsetSeconds) else { return nil }
        secondsSinceEpoch = local - offsetSeconds
    }

    /// The calendar date of this instant in UTC.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: secondsSinceEpoch.floorDivided(by: 86_400))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`; a year outside 0…9999 is written with as many digits as it has.
    public var iso8601: String {
        guard hasFixedISO8601Length else {
            let days = secondsSinceEpoch.floorDivided(by: 86_400)
            return CalendarDate(daysSinceEpoch: days).iso8601
                + String(unsafeUninitializedCapacity: 10) { buffer in
                    Self.writeTime(Int(secondsSinceEpoch - days * 86_400), to: buffer.baseAddress!, at: 0)
                    return 10
                }
        }
        return String(unsafeUninitializedCapacity: Self.fixedISO8601Length) { buffer in
            _ = writeFixedISO8601(to: buffer.baseAddress!)
            return Self.fixedISO8601Length
        }
    }

    /// The length of ``iso8601`` for a year of four digits.
    package static let fixedISO8601Length = 20

    /// The instants of the years with four digits: 0000-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
    private static let fixedISO8601Range: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    /// 9999-12-31T23:59:59Z, the last instant with a four-digit year: a bound past it would be written with five, and
    /// as text sort before every date it should follow.
    package static let lastFourDigitInstant = Timestamp(secondsSinceEpoch: fixedISO8601Range.upperBound)

    /// Whether ``iso8601`` is ``fixedISO8601Length`` bytes long: whether the year has four digits.
    package var hasFixedISO8601Length: Bool { Self.fixedISO8601Range.contains(secondsSinceEpoch) }

    /// Writes ``iso8601`` at `out` and returns true when it is ``fixedISO8601Length`` bytes long (a year of four
    /// digits); otherwise writes nothing and returns false.
    package func writeFixedISO8601(to out: UnsafeMutablePointer<UInt8>) -> Bool {
        guard hasFixedISO8601Length else { return false }
        let days = secondsSinceEpoch.floorDivided(by: 86_400)
        CalendarDate(daysSinceEpoch: days).writeISO8601(to: out, at: 0)
        Self.writeTime(Int(secondsSinceEpoch - days * 86_400), to: out, at: 10)
        return true
    }

    /// Writes `THH:MM:SSZ` (ten bytes) for the second of the day at `out + start`.
    private static func writeTime(_ secondOfDay: Int, to out: UnsafeMutablePointer<UInt8>, at start: Int) {
        out[start] = UInt8(ascii: "T")
        ISO8601Digits.write(secondOfDay / 3600, 2, to: out, at: start + 1)
        out[start + 3] = UInt8(ascii: ":")
        ISO8601Digits.write(secondOfDay / 60 % 60, 2, to: out, at: start + 4)
        out[start + 6] = UInt8(ascii: ":")
        ISO8601Digits.write(secondOfDay % 60, 2, to: out, at: start + 7)
        out[start + 9] = UInt8(ascii: "Z")
    }

    public var description: String { iso8601 }

    /// This instant moved by `seconds` (negative moves back).
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    /// The latest multiple of `seconds` since the epoch at or before this instant (an hour: 3,600).
    public func roundedDown(to seconds: Int64) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch.floorDivided(by: seconds) * seconds)
    }

    /// The earliest multiple of `seconds` since the epoch at or after this instant.
    public func roundedUp(to seconds: Int64) -> Timestamp {
        adding(seconds: seconds - 1).roundedDown(to: seconds)
    }

    /// Seconds in an hour: the precision of every time the exposure upload stores (see ``VerificationCodeUse``).
    public static let hourSeconds: Int64 = 3_600

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}

extension Timestamp: ISO8601TextRepresentable {}

extension Int64 {
    /// Division rounding towards negative infinity.
    package func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
