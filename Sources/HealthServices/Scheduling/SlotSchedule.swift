/// A bulk slot creation: one slot every `everyMinutes` from `from` up to (not including) `to`.
public struct SlotSchedule: Sendable, Hashable {
    public let centreId: String
    public let service: String
    public let from: Timestamp
    public let to: Timestamp
    public let everyMinutes: Int
    public let capacity: Int

    /// The most slots one request creates.
    static let maxSlots = 5_000
    /// The most seats one slot has.
    static let maxCapacity = 1_000

    /// Checks the text fields as they come from HTTP or the command line.
    public init(centreId: String, service: String, from: String, to: String, every: String, capacity: Int)
        throws(ServiceError)
    {
        guard let start = Timestamp(iso8601: from), let end = Timestamp(iso8601: to) else {
            throw ServiceError(
                .invalidTimestamp, "from and to must be ISO 8601 times with a zone, such as 2026-03-01T08:00:00+03:00.")
        }
        guard let minutes = DurationText.minutes(every), minutes <= 1440 else {
            throw ServiceError(.invalidInterval, "every must be a duration such as 15m or 1h, at most 24h.")
        }
        guard start < end else { throw ServiceError(.invalidRange, "to must be after from.") }
        let step = Int64(minutes * 60)
        guard (end.secondsSinceEpoch - start.secondsSinceEpoch + step - 1) / step <= Int64(Self.maxSlots) else {
            throw ServiceError(.invalidRange, "One request creates at most \(Self.maxSlots) slots.")
        }
        guard (1...Self.maxCapacity).contains(capacity) else {
            throw ServiceError(.invalidCapacity, "capacity must be between 1 and \(Self.maxCapacity).")
        }
        self.centreId = centreId
        self.service = service
        self.from = start
        self.to = end
        self.everyMinutes = minutes
        self.capacity = capacity
    }

    /// The start of every slot.
    var starts: [Timestamp] {
        stride(from: from.secondsSinceEpoch, to: to.secondsSinceEpoch, by: everyMinutes * 60).map(
            Timestamp.init(secondsSinceEpoch:))
    }
}

extension ServiceError.Code {
    public static let invalidInterval = Self("invalid-interval", .invalidInput)
    public static let invalidCapacity = Self("invalid-capacity", .invalidInput)
}
