extension AccountService {
    /// The people a principal may act for: a citizen and their dependants.
    public func people(visibleTo principal: Principal) async throws -> [Person] {
        guard let personID = principal.personID else { return [] }
        return try await store.read { transaction in
            guard let me = try await transaction.person(id: personID) else { return [] }
            return try await [me] + transaction.dependants(ofGuardian: personID)
        }
    }

    /// Registers a child the citizen acts for.
    public func addDependant(
        nationalId: String, dateOfBirth: String, names: PersonNameFields, by principal: Principal
    ) async throws -> Person {
        guard let guardianID = principal.personID else {
            throw ServiceError(.citizensOnly, "Only a citizen can add dependants.")
        }
        let now = clock.now()
        let details = try PersonDetails(
            nationalId: nationalId, dateOfBirth: dateOfBirth, names: names, phone: nil, today: now.civilDate)
        guard details.dateOfBirth.years(until: now.civilDate) < Self.adultAge else {
            throw ServiceError(.notAMinor, "A dependant must be under \(Self.adultAge).")
        }
        return try await store.write { transaction in
            guard try await transaction.dependants(ofGuardian: guardianID).count < Self.maxDependants else {
                throw ServiceError(
                    .tooManyDependants, "A citizen can act for at most \(Self.maxDependants) dependants.")
            }
            let person = try await Self.insertNew(details, guardianID: guardianID, in: transaction, at: now)
            try await transaction.append(
                AuditEvent(by: principal, "person.add-dependant", subject: "person:\(person.id)"), at: now)
            return person
        }
    }

    /// Staff register people who come without the app (walk-ins) or from a population list, in one transaction.
    /// A refusal names the person's entry by its place in `labels` (an import file's line or entry), else by number.
    public func register(_ people: [PersonDetails], labelled labels: [String]? = nil, by principal: Principal)
        async throws -> [Person]
    {
        guard !people.isEmpty else { return [] }
        let now = clock.now()
        return try await store.write { transaction in
            var created: [Person] = []
            created.reserveCapacity(people.count)
            for (index, details) in people.enumerated() {
                do {
                    try await created.append(Self.insertNew(details, guardianID: nil, in: transaction, at: now))
                } catch let error as ServiceError where people.count > 1 || labels != nil {
                    let label = labels.map { $0[index] } ?? "Entry \(index + 1)"
                    throw ServiceError(error.code, "\(label): \(error.detail)")
                }
            }
            let subject = created.count == 1 ? "person:\(created[0].id)" : "people"
            try await transaction.append(
                AuditEvent(
                    by: principal, "person.register", subject: subject, details: ["count": String(created.count)]),
                at: now)
            return created
        }
    }

    /// Validates a person's fields against today's date, for ``register(_:by:)``.
    public func checkedDetails(nationalId: String, dateOfBirth: String, names: PersonNameFields, phone: String?)
        throws(ServiceError) -> PersonDetails
    {
        try PersonDetails(
            nationalId: nationalId, dateOfBirth: dateOfBirth, names: names, phone: phone, today: clock.now().civilDate)
    }

    /// People in id order after `cursor` (empty for the start), for operators' listings.
    public func people(after cursor: String, limit: Int) async throws -> [Person] {
        try await store.read { try await $0.people(after: cursor, limit: max(1, min(limit, 10_000))) }
    }

    /// The person with this national ID, for operators who look people up by it.
    public func person(nationalId: String) async throws -> Person {
        let nationalID = try NationalID.checked(nationalId)
        guard let person = try await store.read({ try await $0.person(nationalID: nationalID) }) else {
            throw ServiceError(.personNotFound, "No person is registered with this nationalId.")
        }
        return person
    }

    private static func insertNew(
        _ details: PersonDetails, guardianID: String?, in transaction: any IdentityTransaction, at now: Timestamp
    ) async throws -> Person {
        guard try await transaction.person(nationalID: details.nationalID) == nil else {
            throw ServiceError(.alreadyRegistered, "A person with this nationalId is already registered.")
        }
        let person = Person(
            id: OpaqueID.make("per"), nationalId: details.nationalID.digits, dateOfBirth: details.dateOfBirth,
            name: details.name, phone: details.phone, guardianId: guardianID, createdAt: now
        )
        try await transaction.insert(person)
        return person
    }
}

extension ServiceError.Code {
    public static let citizensOnly = Self("citizens-only", .forbidden)
    public static let notAMinor = Self("not-a-minor", .unprocessable)
    public static let tooManyDependants = Self("too-many-dependants", .unprocessable)
}
