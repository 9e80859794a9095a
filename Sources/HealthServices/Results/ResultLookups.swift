/// What recording a stretch of a batch reads before its first item: the people its national ids name and the lab's
/// results under its sample ids, each read once for the stretch instead of once per item (on PostgreSQL, two round
/// trips in place of two per item).
///
/// Read ahead, they are what each item would have read itself: a batch names each sample id once, and recording
/// changes no person and no other item's result. A result another upload commits meanwhile under one of the sample
/// ids collides with this one on the lab's sample-id key, and the write runs again.
struct ResultLookups {
    /// The most items whose lookups are read at once: a few hundred values per statement, whatever a file holds.
    static let stretch = 500

    /// People by the digits of their national id.
    private let people: [String: Person]
    /// The lab's results by sample id.
    private let results: [String: LabResult]

    init(for submissions: [LabResultSubmission], lab: String, in transaction: any RecordTransaction) async throws {
        let people = try await transaction.people(nationalIDs: submissions.map(\.nationalId))
        let results = try await transaction.results.labResults(lab: lab, sampleIDs: submissions.map(\.sampleId))
        self.people = Dictionary(people.map { ($0.nationalId, $0) }, uniquingKeysWith: { first, _ in first })
        self.results = Dictionary(results.map { ($0.sampleId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func person(_ nationalID: NationalID) -> Person? { people[nationalID.digits] }

    func result(sampleID: String) -> LabResult? { results[sampleID] }
}
