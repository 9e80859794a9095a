/// A bookable period at a centre for one service, with a number of seats.
public struct Slot: Sendable, Hashable, Codable {
    public let id: String
    public let centreId: String
    /// The catalogue service id.
    public let service: String
    public let start: Timestamp
    public let durationMinutes: Int
    public let capacity: Int
    /// Seats not yet taken by an active booking.
    public let remaining: Int

    package init(
        id: String,
        centreId: String,
        service: String,
        start: Timestamp,
        durationMinutes: Int,
        capacity: Int,
        remaining: Int
    ) {
        self.id = id
        self.centreId = centreId
        self.service = service
        self.start = start
        self.durationMinutes = durationMinutes
        self.capacity = capacity
        self.remaining = remaining
    }
}
