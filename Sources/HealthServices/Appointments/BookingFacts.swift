/// Who books whom into which slot, under which Idempotency-Key: what ``BookingFacts`` are read for.
public struct BookingRequest: Sendable, Hashable {
    /// The caller across tokens (``Principal/stableKey``), whose idempotency keys are looked up.
    public let principal: String
    public let idempotencyKey: String
    public let personID: String
    public let slotID: String

    package init(principal: String, idempotencyKey: String, personID: String, slotID: String) {
        self.principal = principal
        self.idempotencyKey = idempotencyKey
        self.personID = personID
        self.slotID = slotID
    }
}

/// What a booking's rules decide on, read together at the start of its transaction: a server database answers in
/// one round trip what would otherwise take six questions. Facts only: the rules that weigh them (who may book for
/// whom, dose intervals) are ``AppointmentService``'s.
public struct BookingFacts: Sendable {
    /// The first request's record, when this caller used this Idempotency-Key before.
    public let idempotencyRecord: IdempotencyRecord?
    /// Whether the person booked for exists.
    public let personExists: Bool
    /// The person's guardian, when they are a dependant: the one citizen besides them who may book for them.
    public let guardianID: String?
    public let slot: Slot?
    /// The slot's service; nil without a slot, or when the service left the catalogue.
    public let careService: CareService?
    /// The person already has an active appointment for the slot's service.
    public let hasActiveAppointment: Bool
    /// The person's doses, given and being given; nil unless the slot is for a vaccine.
    public let doses: DoseFacts?

    public init(
        idempotencyRecord: IdempotencyRecord?, personExists: Bool, guardianID: String?, slot: Slot?,
        careService: CareService?, hasActiveAppointment: Bool, doses: DoseFacts?
    ) {
        self.idempotencyRecord = idempotencyRecord
        self.personExists = personExists
        self.guardianID = guardianID
        self.slot = slot
        self.careService = careService
        self.hasActiveAppointment = hasActiveAppointment
        self.doses = doses
    }
}
