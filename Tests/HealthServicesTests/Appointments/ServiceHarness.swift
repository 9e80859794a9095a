import Foundation
import Synchronization

@testable import HealthSQLite
@testable import HealthServices

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let seconds: Mutex<Int64>

    init(_ start: String = "2026-03-01T06:00:00Z") {
        seconds = Mutex(Timestamp(iso8601: start)!.secondsSinceEpoch)
    }

    /// A clock stopped at the real time now, for route tests whose data is dated from today.
    static func now() -> ManualClock {
        ManualClock(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).iso8601)
    }

    var wallClock: WallClock {
        WallClock { [self] in Timestamp(secondsSinceEpoch: seconds.withLock { $0 }) }
    }

    /// The clock's time as a `Date`, for keys that must be valid from the tests' day on.
    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds.withLock { $0 })) }

    func advance(seconds delta: Int64) {
        seconds.withLock { $0 += delta }
    }
}

/// The real services over a backend's storage (in-memory or file SQLite, or a fresh PostgreSQL database), with a
/// manual clock and helpers for common setup.
struct ServiceHarness {
    let storage: HarnessStorage
    let clock: ManualClock
    let services: HealthServiceSet
    let operatorPrincipal = Principal.commandLine(operatorName: "test-operator")

    /// The services on `backend`; `sqliteStorage` says where SQLite keeps its databases, `keys` where the signing
    /// keys are (read again at every use when in a directory, as a server would after its check interval).
    init(
        _ backend: StorageBackend = .sqlite, sqliteStorage: AppConfiguration.Storage = .memory,
        keys: AppConfiguration.Storage = .memory, clock: ManualClock = ManualClock()
    ) async throws {
        switch backend {
        case .sqlite: storage = .sqlite(try HealthStorage(sqliteStorage))
        case .postgres: storage = .postgres(try await PostgresTestDatabase())
        }
        self.clock = clock
        self.services = HealthServiceSet(
            stores: storage.stores,
            authority: try CertificateAuthority.load(
                keys, identity: .init(), now: clock.date.addingTimeInterval(-86_400), keyCheckInterval: .zero),
            exposureKeys: try ExposureKeys.load(keys, checkInterval: .zero), clock: clock.wallClock)
    }

    /// Enrols and verifies a citizen through the outbox, returning their principal.
    func citizen(_ nationalId: String, born: String = "1990-05-17", phone: String = "+97336001234") async throws
        -> Principal
    {
        try await services.accounts.enrol(
            nationalId: nationalId, dateOfBirth: born, names: .init(name: "Test Citizen"), phone: phone)
        let code = try require(try await services.outbox.latest(limit: 1).first?.code, "no code in the outbox")
        let session = try await services.accounts.verify(nationalId: nationalId, code: code)
        return try await services.access.authenticate(authorization: "Bearer \(session.token)")
    }

    /// `slot` booked for the person by the operator, and the person checked in five minutes after it starts (the
    /// clock moved there).
    func checkedIn(personID: String, slot: Slot) async throws -> Appointment {
        let booked = try await services.appointments.book(
            slotID: slot.id, personID: personID, idempotencyKey: "check-in-\(slot.id)", by: operatorPrincipal)
        clock.advance(seconds: slot.start.secondsSinceEpoch + 300 - clock.wallClock.now().secondsSinceEpoch)
        return try await services.appointments.checkIn(
            appointmentID: booked.appointment.id, code: booked.appointment.checkInCode, by: ServiceHarness.vaccinator)
    }

    /// A centre offering `services`, with `count` slots every 15 minutes from 08:00 on 2026-03-02.
    func centreWithSlots(service: String = "pcr", count: Int = 4, capacity: Int = 2, day: String = "2026-03-02")
        async throws -> (Centre, [Slot])
    {
        let centre = try await services.scheduling.addCentre(
            name: "Salmaniya", area: "Capital", services: [service], by: operatorPrincipal)
        let from = try require(Timestamp(iso8601: "\(day)T08:00:00Z"))
        let to = from.adding(seconds: Int64(count) * 15 * 60)
        let schedule = try SlotSchedule(
            centreId: centre.id, service: service, from: from.iso8601, to: to.iso8601, every: "15m", capacity: capacity
        )
        _ = try await services.scheduling.createSlots(schedule, by: operatorPrincipal)
        let slots = try await services.scheduling.searchSlots(
            service: service, centre: centre.id, area: nil, from: "\(day)T00:00:00Z", to: nil, limit: "500",
            includeFull: true
        )
        return (centre, Array(slots))
    }
}

/// `#require` for use outside a test function body.
func require<T>(_ value: T?, _ message: String = "required value missing") throws -> T {
    guard let value else { throw HarnessError(message) }
    return value
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
