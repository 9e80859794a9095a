/// What a vaccine appointment's interval rule weighs: the person's latest recorded dose, and the slot start of their
/// latest checked-in vaccine appointment, whose dose is being given until its record completes the appointment.
public struct DoseFacts: Sendable, Hashable {
    /// When the latest recorded dose (here or abroad) was given.
    public let latestRecorded: Timestamp?
    /// The start of the slot of the latest vaccine appointment checked in and not yet completed by its dose.
    public let latestCheckedIn: Timestamp?

    public init(latestRecorded: Timestamp?, latestCheckedIn: Timestamp?) {
        self.latestRecorded = latestRecorded
        self.latestCheckedIn = latestCheckedIn
    }

    /// The dose the interval counts from at `now`: the latest recorded, or a checked-in appointment of today (in
    /// Bahrain), whose dose is given in the chair while the person books the next. One checked in on an earlier day
    /// and never completed was most likely not given (the person was sent home) and holds no booking back; were its
    /// dose recorded late, the next appointment's check-in still refuses a dose that would come too early.
    func latest(at now: Timestamp) -> Timestamp? {
        let beingGiven = latestCheckedIn.flatMap { $0.civilDate >= now.civilDate ? $0 : nil }
        return [latestRecorded, beingGiven].compactMap { $0 }.max()
    }
}
