/// An instant to the second, in UTC; reads RFC 3339 / ISO 8601 with a zone, writes `YYYY-MM-DDTHH:MM:SSZ`.
///
/// The written form sorts in time order as text, which is how the database stores and compares instants.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339 §5.6); fractions of a second are dropped.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        guard let date = CalendarDate(digits: bytes[0..<10]),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let hour = Self.number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
            let minute = Self.number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
            let second = Self.number(bytes, 17, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start, index < bytes.count else { return nil }
        }
        let offsetSeconds: Int64
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
            offsetSeconds = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, let offsetHour = Self.number(bytes, index + 1, 2),
                bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = Self.number(bytes, index + 4, 2),
                offsetHour < 24, offsetMinute < 60
            else { return nil }
            let magnitude = Int64(offsetHour * 3600 + offsetMinute * 60)
            offsetSeconds = bytes[index] == UInt8(ascii: "+") ? magnitude : -magnitude
        default:
            return nil
        }
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        secondsSinceEpoch = local - offsetSeconds
    }

    /// The calendar date of this instant in UTC.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: secondsSinceEpoch.floorDivided(by: 86_400))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String {
        let seconds = secondsSinceEpoch - date.daysSinceEpoch * 86_400
        let hour = seconds / 3600, minute = (seconds / 60) % 60, second = seconds % 60
        return "\(date.iso8601)T\(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second))Z"
    }

    public var description: String { iso8601 }

    /// This instant moved by `seconds` (negative moves back).
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension Timestamp: ISO8601TextRepresentable {}

extension Int64 {
    /// Division rounding towards negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
