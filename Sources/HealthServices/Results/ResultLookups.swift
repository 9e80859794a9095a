/// What recording a stretch of a batch reads before its first item: the people its national ids name, the lab's
/// results under its sample ids and the appointments its samples may have been taken at, each read once for the
/// stretch instead of once per item (on PostgreSQL, three round trips in place of three per item).
///
/// Read ahead, they are what each item would have read itself: a batch names each sample id once, and recording
/// changes no person, no other item's result and no appointment but to complete it, which keeps it a candidate. A
/// result another upload commits meanwhile under one of the sample ids collides with this one on the lab's sample-id
/// key, and the write runs again.
struct ResultLookups {
    /// The most items whose lookups are read at once: a few hundred values per statement, whatever a file holds.
    static let stretch = 500

    /// People by the digits of their national id.
    private let people: [String: Person]
    /// The lab's results by sample id.
    private let results: [String: LabResult]
    /// Checked-in and completed appointments by person id.
    private let appointments: [String: [Appointment]]

    /// How far a slot's start may be from the sample time for the sample to belong to its appointment.
    static let appointmentReach: Int64 = 86_400

    init(for submissions: [LabResultSubmission], lab: String, in transaction: any RecordTransaction) async throws {
        let people = try await transaction.people(nationalIDs: submissions.map(\.nationalId))
        let results = try await transaction.results.labResults(lab: lab, sampleIDs: submissions.map(\.sampleId))
        self.people = Dictionary(people.map { ($0.nationalId, $0) }, uniquingKeysWith: { first, _ in first })
        self.results = Dictionary(results.map { ($0.sampleId, $0) }, uniquingKeysWith: { first, _ in first })
        let sampled = submissions.map(\.sampledAt)
        if let first = sampled.min(), let last = sampled.max(), !people.isEmpty {
            let attended = try await transaction.attendedAppointments(
                ofPeople: people.map(\.id), from: first.adding(seconds: -Self.appointmentReach),
                to: last.adding(seconds: Self.appointmentReach))
            appointments = Dictionary(grouping: attended, by: \.personId)
        } else {
            appointments = [:]
        }
    }

    func person(_ nationalID: NationalID) -> Person? { people[nationalID.digits] }

    func result(sampleID: String) -> LabResult? { results[sampleID] }

    /// The appointment the submission's sample was taken at: the person's checked-in or completed appointment for its
    /// test whose slot starts nearest the sample time, within ``appointmentReach``; the first by id of equally near.
    func appointment(of personID: String, for submission: LabResultSubmission) -> Appointment? {
        let sampled = submission.sampledAt.secondsSinceEpoch
        return appointments[personID, default: []].lazy
            .filter { $0.service == submission.test.rawValue }
            .map { (distance: abs($0.start.secondsSinceEpoch - sampled), appointment: $0) }
            .filter { $0.distance <= Self.appointmentReach }
            .min { ($0.distance, $0.appointment.id) < ($1.distance, $1.appointment.id) }?
            .appointment
    }
}
