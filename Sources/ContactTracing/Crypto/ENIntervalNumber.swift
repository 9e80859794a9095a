public import Foundation

/// The 10-minute time window number of the EN Cryptography Specification: ⌊unix seconds / 600⌋, 32 bits.
public struct ENIntervalNumber: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds in one interval.
    public static let secondsPerInterval: Int64 = 600
    /// Intervals in one UTC day (the TEK rolling period of the specification).
    public static let intervalsPerDay: UInt32 = 144

    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The interval that contains `unixSeconds`; throws for times before 1970 or past the 32-bit range.
    public init(unixSeconds: Int64) throws {
        guard unixSeconds >= 0, let value = UInt32(exactly: unixSeconds / Self.secondsPerInterval) else {
            throw ContactTracingError(.invalidIntervalNumber, "time \(unixSeconds) outside the ENIntervalNumber range")
        }
        rawValue = value
    }

    /// The interval that contains `date`.
    public init(date: Date) throws {
        try self.init(unixSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Unix seconds at which the interval starts.
    public var unixSeconds: Int64 { Int64(rawValue) * Self.secondsPerInterval }

    /// The first interval of this interval's UTC day.
    public var dayStart: ENIntervalNumber { ENIntervalNumber(rawValue: rawValue - rawValue % Self.intervalsPerDay) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
