/// Case management for operators: cases opened by positive results or reported from elsewhere, their notes,
/// assignment and closing; every change audited.
public struct CaseService: Sendable {
    let store: any RecordStore
    let policy: OrderPolicy
    let clock: WallClock

    /// The longest note and operator name accepted, in Unicode scalars.
    static let maxNoteLength = 2000
    static let maxOperatorLength = 100
    /// How long ago a case an operator opens may have begun.
    static let maximumOnsetAgeDays: Int64 = 365

    public init(store: any RecordStore, policy: OrderPolicy, clock: WallClock) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// A case with its notes, contacts and orders.
    public struct Details: Sendable, Hashable {
        public let caseFile: Case
        public let notes: [CaseNote]
        public let contacts: [Contact]
        public let orders: [Order]
    }

    /// Opens a case for a person confirmed positive elsewhere (or joins their open one): the isolation order runs
    /// from `onset`, at most a year ago; a case whose isolation is already over is recorded as recovered (see
    /// ``CaseOpener``).
    public func open(nationalID: String, onset: String, by principal: Principal) async throws -> (Case, opened: Bool) {
        let nationalID = try NationalID.checked(nationalID)
        guard let onsetDate = CalendarDate(iso8601: onset) else {
            throw ServiceError(.invalidCaseDate, "onset must be a date, YYYY-MM-DD.")
        }
        let now = clock.now()
        guard onsetDate <= now.civilDate else {
            throw ServiceError(.invalidCaseDate, "onset may not be in the future.")
        }
        let earliest = CalendarDate(daysSinceEpoch: now.civilDate.daysSinceEpoch - Self.maximumOnsetAgeDays)
        guard onsetDate >= earliest else {
            throw ServiceError(.invalidCaseDate, "onset must be from \(earliest.iso8601), a year ago, on.")
        }
        let opener = CaseOpener(policy: policy, principal: principal, now: now)
        return try await store.write { transaction in
            guard let person = try await transaction.person(nationalID: nationalID) else {
                throw ServiceError(.personNotFound, "No person is registered with this nationalId.")
            }
            let (caseFile, opened) = try await opener.caseFor(
                personID: person.id, onset: onsetDate, resultID: nil, in: transaction)
            return (caseFile, opened)
        }
    }

    /// How long the cases list and the pending contacts list may be.
    public static let listLimit = ListLimit(defaultCount: 500, maximum: 5000)

    /// Cases newest first, by state, assigned operator and opening day: at most `limit` (checked against
    /// ``listLimit``).
    public func cases(state: String?, assignedTo: String?, since: String?, limit: Int? = nil) async throws -> [Case] {
        let limit = try Self.listLimit.checked(limit)
        let state = try state.map { text in
            guard let state = Case.State(rawValue: text) else {
                throw ServiceError(.invalidField, "state must be one of open, isolating, recovered, closed.")
            }
            return state
        }
        let since = try since.map { text in
            guard let date = CalendarDate(iso8601: text) else {
                throw ServiceError(.invalidCaseDate, "since must be a date, YYYY-MM-DD.")
            }
            return Timestamp(startOfCivilDay: date)
        }
        return try await store.read { transaction in
            try await transaction.cases.cases(
                state: state, assignedTo: assignedTo, openedSince: since, limit: limit)
        }
    }

    public func details(id: String) async throws -> Details {
        try await store.read { transaction in try await Self.details(id: id, in: transaction.cases) }
    }

    static func details(id: String, in cases: any CaseTransaction) async throws -> Details {
        guard let caseFile = try await cases.caseFile(id: id) else {
            throw ServiceError(.caseNotFound, "There is no case with this id.")
        }
        return Details(
            caseFile: caseFile, notes: try await cases.notes(caseID: id),
            contacts: try await cases.contacts(caseID: id),
            orders: try await cases.orders(caseID: id))
    }

    /// Adds a note to the case's log.
    public func addNote(caseID: String, text: String, by principal: Principal) async throws -> Details {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty, text.unicodeScalars.count <= Self.maxNoteLength else {
            throw ServiceError(.invalidNote, "A note is 1 to \(Self.maxNoteLength) characters.")
        }
        return try await change(caseID: caseID, action: "case.note", by: principal) { transaction, _, now in
            try await transaction.cases.insert(
                CaseNote(caseId: caseID, author: principal.name, text: text, createdAt: now))
            return [:]
        }
    }

    /// Assigns the case to an operator, by name.
    public func assign(caseID: String, to operatorName: String, by principal: Principal) async throws -> Details {
        let name = operatorName.trimmingWhitespace()
        guard !name.isEmpty, name.unicodeScalars.count <= Self.maxOperatorLength else {
            throw ServiceError(.invalidField, "operator is 1 to \(Self.maxOperatorLength) characters.")
        }
        return try await change(caseID: caseID, action: "case.assign", by: principal) { transaction, caseFile, _ in
            var assigned = caseFile
            assigned.assignedTo = name
            try await transaction.cases.update(assigned)
            return ["assignedTo": name]
        }
    }

    /// Closes the case; its orders still running are released, but for a quarantine another open case shares (see
    /// ``OrderService/endOrders(ofCase:reason:policy:at:in:)``). A case that ended already (recovered) keeps the time
    /// it ended, from which retention counts.
    public func close(caseID: String, by principal: Principal) async throws -> Details {
        let policy = policy
        return try await change(caseID: caseID, action: "case.close", by: principal) { transaction, caseFile, now in
            guard caseFile.state != .closed else {
                throw ServiceError(.caseClosed, "This case is already closed.")
            }
            var closed = caseFile
            closed.state = .closed
            closed.closedAt = caseFile.closedAt ?? now
            try await transaction.cases.update(closed)
            let released = try await OrderService.endOrders(
                ofCase: caseID, reason: "case-closed", policy: policy, at: now, in: transaction)
            return ["ordersReleased": String(released)]
        }
    }

    /// Runs one audited change of a case in a write transaction and returns the case as it then is.
    private func change(
        caseID: String, action: String, by principal: Principal,
        _ body: @escaping @Sendable (any RecordTransaction, Case, Timestamp) async throws -> [String: String]
    ) async throws -> Details {
        let now = clock.now()
        return try await store.write { transaction in
            guard let caseFile = try await transaction.cases.caseFile(id: caseID) else {
                throw ServiceError(.caseNotFound, "There is no case with this id.")
            }
            let details = try await body(transaction, caseFile, now)
            try await transaction.append(
                AuditEvent(by: principal, action, subject: "case:\(caseID)", details: details), at: now)
            return try await Self.details(id: caseID, in: transaction.cases)
        }
    }
}

extension ServiceError.Code {
    public static let caseNotFound = Self("case-not-found", .notFound)
    public static let caseClosed = Self("case-closed", .conflict)
    public static let invalidNote = Self("invalid-note", .invalidInput)
    public static let invalidCaseDate = Self("invalid-case-date", .invalidInput)
}
