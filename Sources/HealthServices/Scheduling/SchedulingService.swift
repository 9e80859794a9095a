import Certificates

/// The service catalogue, centres and slots: what operators set up and citizens search.
public struct SchedulingService: Sendable {
    let store: any SchedulingStore
    let clock: WallClock

    /// Default and largest number of slots a search returns.
    static let searchLimit = ListLimit(defaultCount: 100, maximum: 500)
    /// Default and longest span of a search, in days.
    static let defaultSearchDays: Int64 = 14
    static let maxSearchDays: Int64 = 92
    /// The longest names of services and centres, and of areas, in Unicode scalars.
    static let maxNameLength = 100
    static let maxAreaLength = 60
    /// The longest product code, and the widest interval between doses of a vaccine.
    static let maxProductCodeLength = 64
    static let maxDaysBetweenDoses = 365

    public init(store: any SchedulingStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The whole catalogue, tests first.
    public func careServices() async throws -> [CareService] {
        try await store.read { try await $0.careServices() }
    }

    /// Adds a service to the catalogue; vaccines need their EU product code and dose interval, tests neither.
    public func addCareService(
        id: String, name: String, kind: String, productCode: String?, minimumDaysBetweenDoses: Int?,
        by principal: Principal
    ) async throws -> CareService {
        guard Self.isSlug(id) else {
            throw ServiceError(.invalidServiceID, "id must be 2 to 32 characters: lower-case letters, digits and '-'.")
        }
        let name = try Self.checkedText(name, field: "name", maxLength: Self.maxNameLength)
        guard let kind = CareService.Kind(rawValue: kind) else {
            throw ServiceError(.invalidServiceKind, "kind must be 'test' or 'vaccine'.")
        }
        switch kind {
        case .vaccine:
            guard let productCode,
                (try? Self.checkedText(productCode, field: "productCode", maxLength: Self.maxProductCodeLength))
                    == productCode,
                let days = minimumDaysBetweenDoses, (1...Self.maxDaysBetweenDoses).contains(days)
            else {
                throw ServiceError(
                    .invalidVaccineDetails,
                    "A vaccine needs productCode (the EU product code) and minimumDaysBetweenDoses of 1 to \(Self.maxDaysBetweenDoses)."
                )
            }
            guard (try? VaccineProduct(code: productCode)) != nil else {
                throw ServiceError(
                    .unknownVaccineProduct,
                    "productCode must be a vaccine of the EU DCC value sets (such as EU/1/20/1528), so doses get certificates."
                )
            }
        case .test:
            guard productCode == nil, minimumDaysBetweenDoses == nil else {
                throw ServiceError(.invalidVaccineDetails, "A test takes no productCode or minimumDaysBetweenDoses.")
            }
        }
        let service = CareService(
            id: id, name: name, kind: kind, productCode: productCode, minimumDaysBetweenDoses: minimumDaysBetweenDoses)
        let now = clock.now()
        try await store.write { transaction in
            guard try await transaction.careService(id: id) == nil else {
                throw ServiceError(.serviceExists, "The catalogue already has a service with this id.")
            }
            try await transaction.insert(service, at: now)
            try await transaction.append(
                AuditEvent(by: principal, "service.create", subject: "service:\(id)", details: ["kind": kind.rawValue]),
                at: now)
        }
        return service
    }

    /// Every centre, by area and name.
    public func centres() async throws -> [Centre] {
        try await store.read { try await $0.centres() }
    }

    /// Opens a centre offering catalogue `services`.
    public func addCentre(name: String, area: String, services: [String], by principal: Principal) async throws
        -> Centre
    {
        let name = try Self.checkedText(name, field: "name", maxLength: Self.maxNameLength)
        let area = try Self.checkedText(area, field: "area", maxLength: Self.maxAreaLength)
        let offered = Array(Set(services)).sorted()
        let now = clock.now()
        let centre = Centre(id: OpaqueID.make("ctr"), name: name, area: area, services: offered, createdAt: now)
        try await store.write { transaction in
            for service in offered where try await transaction.careService(id: service) == nil {
                throw ServiceError(
                    .unknownService, "The catalogue has no service '\(Self.isSlug(service) ? service : "?")'.")
            }
            try await transaction.insert(centre)
            try await transaction.append(
                AuditEvent(
                    by: principal, "centre.create", subject: "centre:\(centre.id)",
                    details: ["services": offered.joined(separator: ",")]),
                at: now
            )
        }
        return centre
    }

    /// Creates the schedule's slots, skipping starts the centre already has for this service; returns how many
    /// were created.
    public func createSlots(_ schedule: SlotSchedule, by principal: Principal) async throws -> Int {
        let now = clock.now()
        guard schedule.from >= now else { throw ServiceError(.invalidRange, "from must not be in the past.") }
        return try await store.write { transaction in
            guard let centre = try await transaction.centre(id: schedule.centreId) else {
                throw ServiceError(.centreNotFound, "There is no centre with this id.")
            }
            guard centre.services.contains(schedule.service) else {
                throw ServiceError(.serviceNotOffered, "The centre does not offer this service.")
            }
            var created = 0
            for start in schedule.starts {
                let slot = Slot(
                    id: OpaqueID.make("slt"), centreId: centre.id, service: schedule.service, start: start,
                    durationMinutes: schedule.everyMinutes, capacity: schedule.capacity, remaining: schedule.capacity
                )
                if try await transaction.insertIfAbsent(slot, at: now) { created += 1 }
            }
            try await transaction.append(
                AuditEvent(
                    by: principal, "slots.create", subject: "centre:\(centre.id)",
                    details: [
                        "service": schedule.service, "from": schedule.from.iso8601, "to": schedule.to.iso8601,
                        "created": String(created),
                    ]
                ),
                at: now
            )
            return created
        }
    }

    /// Slots matching the filters, by start. Citizens see open future slots only; `includeFull` is for staff.
    public func searchSlots(
        service: String?, centre: String?, area: String?, from: String?, to: String?, limit: String?,
        includeFull: Bool = false
    ) async throws -> SlotList {
        let now = clock.now()
        let staffQuery = try Self.slotQuery(
            service: service, centre: centre, area: area, from: from, to: to, limit: limit, now: now)
        let query = includeFull ? staffQuery : staffQuery.openSlots(from: now)
        guard query.from < query.to else { return SlotList() }
        return try await store.read { try await $0.slots(matching: query) }
    }

    /// The checked filters of a search as staff make it: full slots included, from `from` (default `now`).
    private static func slotQuery(
        service: String?, centre: String?, area: String?, from: String?, to: String?, limit: String?, now: Timestamp
    ) throws(ServiceError) -> SlotQuery {
        let start = try from.map(Self.timestamp) ?? now
        let end = min(
            try to.map(Self.timestamp) ?? start.adding(seconds: Self.defaultSearchDays * 86_400),
            Timestamp.lastFourDigitInstant)
        guard start < end, end.secondsSinceEpoch - start.secondsSinceEpoch <= Self.maxSearchDays * 86_400 else {
            throw ServiceError(.invalidRange, "to must be after from, at most \(Self.maxSearchDays) days later.")
        }
        let count = try Self.searchLimit.checked(text: limit)
        let area = try area.map { text throws(ServiceError) in
            try Self.checkedText(text, field: "area", maxLength: Self.maxAreaLength)
        }
        return SlotQuery(
            service: service, centreId: centre, area: area, from: start, to: end, limit: count, includeFull: true)
    }

    static func timestamp(_ text: String) throws(ServiceError) -> Timestamp {
        guard let timestamp = Timestamp(iso8601: text) else {
            throw ServiceError(.invalidTimestamp, "Times must be ISO 8601 with a zone, such as 2026-03-01T08:00:00Z.")
        }
        return timestamp
    }

    static func isSlug(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (2...32).contains(bytes.count) && bytes.first != UInt8(ascii: "-")
            && bytes.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
            }
    }

    /// Text of at most `maxLength` Unicode scalars as sent (what a JSON Schema `maxLength` counts), with no
    /// control characters and not blank; returned trimmed.
    static func checkedText(_ text: String, field: String, maxLength: Int) throws(ServiceError) -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, text.isPlainText(maxLength: maxLength) else {
            throw ServiceError(
                .invalidText, "\(field) must be 1 to \(maxLength) characters without control characters.")
        }
        return trimmed
    }
}

extension ServiceError.Code {
    public static let unknownVaccineProduct = Self("unknown-vaccine-product", .unprocessable)
    public static let invalidServiceID = Self("invalid-service-id", .invalidInput)
    public static let invalidServiceKind = Self("invalid-service-kind", .invalidInput)
    public static let invalidVaccineDetails = Self("invalid-vaccine-details", .invalidInput)
    public static let invalidText = Self("invalid-text", .invalidInput)
    public static let invalidLimit = Self("invalid-limit", .invalidInput)
    public static let serviceExists = Self("service-exists", .conflict)
    public static let unknownService = Self("unknown-service", .unprocessable)
    public static let centreNotFound = Self("centre-not-found", .notFound)
    public static let serviceNotOffered = Self("service-not-offered", .unprocessable)
}
