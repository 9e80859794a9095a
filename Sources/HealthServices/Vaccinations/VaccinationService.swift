import Certificates

/// Recording doses: at a checked-in appointment (with its EU vaccination certificate, in the same
/// transaction), or given abroad as an operator enters it (no certificate: the other country issues that).
public struct VaccinationService: Sendable {
    let store: any RecordStore
    let authority: CertificateAuthority
    let clock: WallClock

    /// The longest lot number accepted.
    static let maxLotLength = 64

    public init(store: any RecordStore, authority: CertificateAuthority, clock: WallClock) {
        self.store = store
        self.authority = authority
        self.clock = clock
    }

    /// Records the dose given at a checked-in appointment, completes the appointment and issues the certificate
    /// (or keeps it waiting for the holder's Latin name).
    public func record(
        appointmentID: String, lot: String, doseNumber: Int, totalDoses: Int, administeredAt: String,
        by principal: Principal
    ) async throws -> (Vaccination, CertificateOutcome) {
        let now = clock.now()
        let lot = try Self.checkedLot(lot)
        let administered = try Self.checkedTime(administeredAt, now: now)
        return try await store.write { transaction in
            guard let appointment = try await transaction.appointment(id: appointmentID) else {
                throw ServiceError(.appointmentNotFound, "There is no appointment with this id.")
            }
            switch appointment.status {
            case .checkedIn: break
            case .completed: throw ServiceError(.doseAlreadyRecorded, "This appointment's dose is already recorded.")
            case .booked, .cancelled:
                throw ServiceError(.notCheckedIn, "A dose is recorded only against a checked-in appointment.")
            }
            guard let product = try await transaction.careService(id: appointment.service), product.kind == .vaccine
            else {
                throw ServiceError(.notAVaccination, "This appointment is not for a vaccine.")
            }
            guard administered >= appointment.start.adding(days: -1) else {
                throw ServiceError(
                    .doseBeforeAppointment, "administeredAt is more than a day before the appointment's slot.")
            }
            // The doses first: on PostgreSQL reading them in a write holds the person until this one ends, so the
            // person read next is not older than a Latin name set meanwhile, whose write would then find no
            // waiting certificate to issue.
            let doses = try await transaction.vaccinations.vaccinations(ofPeople: [appointment.personId])
            guard let person = try await transaction.person(id: appointment.personId) else {
                throw ServiceError(.personNotFound, "The appointment's person no longer exists.")
            }
            try DoseRules(
                doseNumber: doseNumber, totalDoses: totalDoses, product: product, administeredAt: administered
            ).check(against: doses)
            let vaccination = Vaccination(
                id: OpaqueID.make("vac"), personId: person.id, service: product.id, appointmentId: appointment.id,
                doseNumber: doseNumber, totalDoses: totalDoses, administeredAt: administered, lot: lot,
                country: authority.country, recordedBy: principal.name, recordedAt: now, centreId: appointment.centreId)
            try await transaction.vaccinations.insert(vaccination)
            try await transaction.complete(appointmentID: appointment.id, at: now)
            let outcome = try await transaction.certificates.certify(
                .vaccination, for: person, vaccinationID: vaccination.id, resultID: nil, at: now
            ) { try authority.vaccinationCertificate(for: vaccination, product: product, holder: person, at: now) }
            guard let outcome else { throw ServiceError(.certificateNotIssuable, "No certificate was built.") }
            var details = ["appointment": appointment.id]
            switch outcome {
            case .issued(let issued): details["certificate"] = issued.id
            case .waiting(let waiting): details["waiting-certificate"] = waiting.id
            }
            try await transaction.append(
                AuditEvent(
                    by: principal, "vaccination.record", subject: "vaccination:\(vaccination.id)", details: details),
                at: now)
            return (vaccination, outcome)
        }
    }

    /// Records a dose given in another country, for the dose rules and the health status.
    public func recordAbroad(
        nationalId: String, service: String, country: String, doseNumber: Int, totalDoses: Int,
        administeredAt: String, lot: String?, by principal: Principal
    ) async throws -> Vaccination {
        let now = clock.now()
        let nationalID = try NationalID.checked(nationalId)
        // Checked before upper-casing: "ß" would become "SS".
        guard country.allSatisfy(\.isASCII), case let country = country.uppercased(), CountryCode.isAlpha2(country)
        else {
            throw ServiceError(.invalidCountry, "country must be an ISO 3166-1 alpha-2 code.")
        }
        guard country != authority.country else {
            throw ServiceError(.notAbroad, "Doses given here are recorded at their appointment.")
        }
        let lot = try lot.map(Self.checkedLot)
        let administered = try Self.checkedTime(administeredAt, now: now)
        return try await store.write { transaction in
            guard let person = try await transaction.person(nationalID: nationalID) else {
                throw ServiceError(.personNotFound, "No person is registered with this nationalId.")
            }
            guard let product = try await transaction.careService(id: service), product.kind == .vaccine else {
                throw ServiceError(.notAVaccination, "service must be a vaccine of the catalogue.")
            }
            // A year typed wrong (2012 for 2021) would stand for good: a dose cannot be corrected.
            guard administered.civilDate >= person.dateOfBirth, administered.civilDate >= .earliestCovidRecord else {
                throw ServiceError(
                    .implausibleDoseDate,
                    "administeredAt cannot be before the person was born, nor before 2020 (check the year).")
            }
            try await DoseRules(
                doseNumber: doseNumber, totalDoses: totalDoses, product: product, administeredAt: administered
            ).check(against: transaction.vaccinations.vaccinations(ofPeople: [person.id]))
            let vaccination = Vaccination(
                id: OpaqueID.make("vac"), personId: person.id, service: product.id, appointmentId: nil,
                doseNumber: doseNumber, totalDoses: totalDoses, administeredAt: administered, lot: lot,
                country: country, recordedBy: principal.name, recordedAt: now, centreId: nil)
            try await transaction.vaccinations.insert(vaccination)
            try await transaction.append(
                AuditEvent(
                    by: principal, "vaccination.record-abroad", subject: "vaccination:\(vaccination.id)",
                    details: ["country": country]),
                at: now)
            return vaccination
        }
    }

    /// The doses of the people the principal may see, oldest first.
    public func vaccinations(for principal: Principal, personID: String?) async throws -> [Vaccination] {
        try await store.read { transaction in
            try await transaction.vaccinations.vaccinations(
                ofPeople: transaction.visiblePeople(to: principal, personID: personID))
        }
    }

    static func checkedLot(_ lot: String) throws(ServiceError) -> String {
        guard (1...maxLotLength).contains(lot.utf8.count),
            lot.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
        else {
            throw ServiceError(.invalidLot, "lot must be 1 to \(maxLotLength) printable ASCII characters.")
        }
        return lot
    }

    static func checkedTime(_ text: String, now: Timestamp) throws(ServiceError) -> Timestamp {
        guard let time = Timestamp(iso8601: text) else {
            throw ServiceError(.invalidTimestamp, "administeredAt must be an ISO 8601 date-time with a zone.")
        }
        guard time <= now.adding(seconds: LabResultSubmission.allowedClockSkewSeconds) else {
            throw ServiceError(.dateInFuture, "administeredAt cannot be in the future.")
        }
        return time
    }
}

extension ServiceError.Code {
    public static let notCheckedIn = Self("not-checked-in", .conflict)
    public static let doseAlreadyRecorded = Self("dose-already-recorded", .conflict)
    public static let notAVaccination = Self("not-a-vaccination", .unprocessable)
    public static let doseBeforeAppointment = Self("dose-before-appointment", .unprocessable)
    public static let invalidLot = Self("invalid-lot", .invalidInput)
    public static let invalidCountry = Self("invalid-country", .invalidInput)
    public static let notAbroad = Self("not-abroad", .unprocessable)
    public static let implausibleDoseDate = Self("implausible-dose-date", .unprocessable)
}
