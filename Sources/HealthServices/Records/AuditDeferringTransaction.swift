/// A record transaction whose audit entries wait to be appended together at the end of a batch: on PostgreSQL one
/// statement for the batch's entries instead of one round trip per item.
///
/// Entries keep their order and still commit exactly with the records they describe: those of an item rolled back
/// by ``atomically(_:)`` are dropped with it, and ``appendDeferred()`` is the body's last step, so a failed append
/// rolls the whole batch back. Everything else goes straight to the wrapped transaction.
struct AuditDeferringTransaction: RecordTransaction {
    private let base: any RecordTransaction
    private let deferred = DeferredAuditEntries()

    init(_ base: any RecordTransaction) {
        self.base = base
    }

    var results: any ResultTransaction { base.results }
    var vaccinations: any VaccinationTransaction { base.vaccinations }
    var certificates: any CertificationTransaction { base.certificates }
    var verificationCodes: any VerificationCodeTransaction { base.verificationCodes }
    var cases: any CaseTransaction { base.cases }

    func atomically<T>(_ body: () async throws -> T) async throws -> T {
        let mark = deferred.entries.count
        do {
            return try await base.atomically(body)
        } catch {
            deferred.entries.removeSubrange(mark...)
            throw error
        }
    }

    func person(id: String) async throws -> Person? { try await base.person(id: id) }
    func person(nationalID: NationalID) async throws -> Person? { try await base.person(nationalID: nationalID) }
    func people(nationalIDs: [NationalID]) async throws -> [Person] { try await base.people(nationalIDs: nationalIDs) }
    func holdPeople(nationalIDs: [NationalID]) async throws { try await base.holdPeople(nationalIDs: nationalIDs) }
    func peopleActedFor(by personID: String) async throws -> [String] { try await base.peopleActedFor(by: personID) }
    func appointment(id: String) async throws -> Appointment? { try await base.appointment(id: id) }
    func careService(id: String) async throws -> CareService? { try await base.careService(id: id) }

    func attendedAppointments(ofPeople personIDs: [String], from: Timestamp, to: Timestamp) async throws
        -> [Appointment]
    {
        try await base.attendedAppointments(ofPeople: personIDs, from: from, to: to)
    }

    func complete(appointmentID: String, at now: Timestamp) async throws {
        try await base.complete(appointmentID: appointmentID, at: now)
    }

    /// Holds `event` back for ``appendDeferred()``.
    func append(_ event: AuditEvent, at now: Timestamp) async throws {
        deferred.entries.append((event, now))
    }

    func append(_ events: [AuditEvent], at now: Timestamp) async throws {
        deferred.entries += events.map { ($0, now) }
    }

    /// Appends the entries held back, in order: one call to the wrapped transaction per run of entries of one time.
    func appendDeferred() async throws {
        var start = deferred.entries.startIndex
        while start < deferred.entries.endIndex {
            let time = deferred.entries[start].at
            let end = deferred.entries[start...].firstIndex { $0.at != time } ?? deferred.entries.endIndex
            try await base.append(deferred.entries[start..<end].map(\.event), at: time)
            start = end
        }
        deferred.entries.removeAll()
    }
}

/// The entries an ``AuditDeferringTransaction`` holds back, shared by its copies.
private final class DeferredAuditEntries {
    var entries: [(event: AuditEvent, at: Timestamp)] = []
}
