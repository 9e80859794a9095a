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
/// one round trip what would otherwise take six.
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

extension AppointmentTransaction {
    /// The facts one question at a time, for a store whose questions cost no round trip (SQLite in process).
    public func bookingFacts(for request: BookingRequest) async throws -> BookingFacts {
        let personIsBookable =
            if let citizen = request.citizen {
                try await request.personID == citizen ? true : peopleActedFor(by: citizen).contains(request.personID)
            } else {
                try await personExists(id: request.personID)
            }
        var careService: CareService?
        var hasActiveAppointment = false
        var latestDose: Timestamp?
        let slot = try await self.slot(id: request.slotID)
        if let slot, let service = try await self.careService(id: slot.service) {
            careService = service
            hasActiveAppointment = try await self.hasActiveAppointment(personID: request.personID, service: service.id)
            if service.kind == .vaccine {
                latestDose = try await self.latestDose(personID: request.personID)
            }
        }
        return BookingFacts(
            idempotencyRecord: try await idempotencyRecord(principal: request.principal, key: request.idempotencyKey),
            personIsBookable: personIsBookable, slot: slot, careService: careService,
            hasActiveAppointment: hasActiveAppointment, latestDose: latestDose)
    }
}
