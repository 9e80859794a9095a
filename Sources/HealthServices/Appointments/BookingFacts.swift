/// Who books whom into which slot, under which Idempotency-Key: what ``BookingFacts`` are read for.
public struct BookingRequest: Sendable, Hashable {
    /// The caller across tokens (``Principal/stableKey``), whose idempotency keys are looked up.
    public let principal: String
    public let idempotencyKey: String
    public let personID: String
    public let slotID: String
    /// The booking citizen's own person id; nil when staff book.
    public let citizen: String?

    package init(principal: String, idempotencyKey: String, personID: String, slotID: String, citizen: String?) {
        self.principal = principal
        self.idempotencyKey = idempotencyKey
        self.personID = personID
        self.slotID = slotID
        self.citizen = citizen
    }
}

/// What a booking's rules decide on, read together at the start of its transaction: a server database answers in
/// one round trip what would otherwise take six questions.
public struct BookingFacts: Sendable {
    /// The first request's record, when this caller used this Idempotency-Key before.
    public let idempotencyRecord: IdempotencyRecord?
    /// The person exists and the caller may book for them: staff for anyone, a citizen for themself or a dependant.
    public let personIsBookable: Bool
    public let slot: Slot?
    /// The slot's service; nil without a slot, or when the service left the catalogue.
    public let careService: CareService?
    /// The person already has an active appointment for the slot's service.
    public let hasActiveAppointment: Bool
    /// When the person's latest vaccine dose was given, if any.
    public let latestDose: Timestamp?

    public init(
        idempotencyRecord: IdempotencyRecord?, personIsBookable: Bool, slot: Slot?, careService: CareService?,
        hasActiveAppointment: Bool, latestDose: Timestamp?
    ) {
        self.idempotencyRecord = idempotencyRecord
        self.personIsBookable = personIsBookable
        self.slot = slot
        self.careService = careService
        self.hasActiveAppointment = hasActiveAppointment
        self.latestDose = latestDose
    }
}
