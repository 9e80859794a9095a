/// A person's infection, from the positive result (or an operator's report of one confirmed elsewhere) that opened
/// it: its onset, where it stands, who follows it up.
public struct Case: Sendable, Hashable, Encodable {
    /// Where a case stands. Stored in `cases.state` and shown in the API's JSON; the case list's `state` filter takes
    /// the same raw values. `open` and `isolating` are the open states: a person has at most one case in them (a
    /// partial unique index).
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Opened; the person is not (yet) isolating under an order of this case.
        case open
        /// The case's isolation order is running.
        case isolating
        /// The isolation order ended.
        case recovered
        /// An operator closed the file.
        case closed

        /// Whether a new positive result of the person joins this case rather than opening another.
        public var isOpen: Bool { self == .open || self == .isolating }
    }

    public let id: String
    public let personId: String
    /// The symptom date when reported, else the sample date (in Bahrain); a correction of the sample it came from moves it
    /// (see `ResultRecorder.redateCase`).
    public var onset: CalendarDate
    public var state: State
    /// The operator following the case up.
    public var assignedTo: String?
    public let openedAt: Timestamp
    /// When the case ended: recovered (its isolation over) or closed by an operator.
    public var closedAt: Timestamp?
    /// The positive result that opened it; nil for a case confirmed elsewhere.
    public let resultId: String?
    /// The case whose contact this person was, when they were under its quarantine.
    public let linkedCaseId: String?

    /// Whether a positive sampled on `day`, not yet positive when this case ended, belongs to its infection: the case
    /// recovered after an isolation (it ran its course, so the infection was real) and the sample was taken from its
    /// onset to the day before it recovered. Such a late report neither opens another case nor isolates the person
    /// again; one sampled on the day of recovery or later is a new infection. A case opened already recovered (its
    /// positive reported after its isolation would have ended) had no isolation, so it takes in nothing.
    public func tookInLateSample(on day: CalendarDate) -> Bool {
        guard state == .recovered, let closedAt, closedAt > openedAt else { return false }
        return onset <= day && day < closedAt.civilDate
    }

    package init(
        id: String, personId: String, onset: CalendarDate, state: State, assignedTo: String?, openedAt: Timestamp,
        closedAt: Timestamp?, resultId: String?, linkedCaseId: String? = nil
    ) {
        self.id = id
        self.personId = personId
        self.onset = onset
        self.state = state
        self.assignedTo = assignedTo
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.resultId = resultId
        self.linkedCaseId = linkedCaseId
    }
}

/// One entry of a case's notes log.
public struct CaseNote: Sendable, Hashable, Encodable {
    public let caseId: String
    public let author: String
    public let text: String
    public let createdAt: Timestamp

    package init(caseId: String, author: String, text: String, createdAt: Timestamp) {
        self.caseId = caseId
        self.author = author
        self.text = text
        self.createdAt = createdAt
    }
}
