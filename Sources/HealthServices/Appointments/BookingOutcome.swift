/// The result of a booking request: the appointment, and whether it was made now or by an earlier request
/// with the same idempotency key.
public struct BookingOutcome: Sendable, Hashable {
    public let appointment: Appointment
    public let isReplay: Bool
}
