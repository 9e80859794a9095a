import Certificates
import ContactTracing
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct ResultServiceTests {
    @Test(arguments: StorageBackend.allCases) func aNegativeResultIsRecordedOnceAndGivesAVerifiableTestCertificate(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        let first = try await results.submit([try harness.item("S-1", "850211234", "negative")], by: ServiceHarness.lab)
        #expect(first.map(\.status) == [.created])
        let repeated = try await results.submit(
            [try harness.item("S-1", "850211234", "negative")], by: ServiceHarness.lab)
        #expect(repeated.map(\.status) == [.unchanged] && repeated[0].resultId == first[0].resultId)
        #expect(repeated[0].certificateId == nil)

        let certificates = try await harness.services.certificates.certificates(
            for: harness.operatorPrincipal, personID: person.id)
        let certificate = try #require(certificates.first)
        #expect(certificates.count == 1 && certificate.id == first[0].certificateId && certificate.type == .test)
        #expect(certificate.expiresAt == harness.clock.wallClock.now().adding(seconds: 70 * 3600))
        let verified = try await harness.verify(certificate.hc1)
        #expect(verified.isValid && verified.type == .test && verified.checks.revocation == true)
        let test = verified.healthCertificate?.json["t"]?.firstElement
        #expect(test?["tt"]?.stringValue == "LP6464-4" && test?["tr"]?.stringValue == "260415000")
        #expect(verified.healthCertificate?.json["nam"]?["fnt"]?.stringValue == "HASAN")
        #expect(verified.healthCertificate?.json["nam"]?["gnt"]?.stringValue == "FATIMA<ALI")
        #expect(test?["ci"]?.stringValue == certificate.uvci && UVCI.hasValidChecksum(certificate.uvci))
    }

    @Test(arguments: StorageBackend.allCases) func aCorrectionKeepsHistoryRevokesWhatTheOldStateGaveAndIssuesAnew(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        let negative = try await results.submit(
            [try harness.item("S-9", "850211234", "negative")], by: ServiceHarness.lab)
        let positive = try await results.submit(
            [try harness.item("S-9", "850211234", "positive")], by: ServiceHarness.lab)
        #expect(positive[0].status == .corrected && positive[0].resultId == negative[0].resultId)

        let listed = try await results.results(for: harness.operatorPrincipal, personID: person.id)
        #expect(listed.count == 1 && listed[0].result.version == 2 && listed[0].result.state == .positive)
        let certificates = try await harness.services.certificates.certificates(
            for: harness.operatorPrincipal, personID: person.id)
        let test = try #require(certificates.first { $0.type == .test })
        let recovery = try #require(certificates.first { $0.type == .recovery })
        #expect(test.revocationReason == "result-corrected" && !recovery.isRevoked)
        #expect(try await harness.verify(test.hc1).error?.code == .revoked)
        let recoveryEntry = try await harness.verify(recovery.hc1).healthCertificate?.json["r"]?.firstElement
        #expect(recoveryEntry?["fr"]?.stringValue == "2026-03-01" && recoveryEntry?["df"]?.stringValue == "2026-03-12")
        #expect(recoveryEntry?["du"]?.stringValue == "2026-08-28")
        let history = try await harness.storage.texts(
            "SELECT CAST(version AS text) || ':' || result FROM lab_result_history WHERE result_id = $1 ORDER BY version",
            negative[0].resultId ?? "")
        #expect(history == ["1:negative", "2:positive"])
    }

    /// A positive PCR entered after its recovery certificate's 180 days is recorded all the same, without a
    /// certificate, as a negative past its 72 hours is; and without an exposure verification code, whose keys of the
    /// last 14 days would say nothing of that infection.
    @Test(arguments: StorageBackend.allCases) func aPositiveEnteredAfterItsRecoveryPeriodIsRecordedWithoutACertificate(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let outcome = try await harness.services.results.submit(
            [try harness.item("OLD-1", "850211234", "positive", hoursAgo: 200 * 24)], by: ServiceHarness.lab)
        #expect(outcome.map(\.status) == [.created] && outcome[0].resultId != nil)
        #expect(outcome[0].certificateId == nil && outcome[0].certificateWaiting == nil)
        let listed = try await harness.services.results.results(for: harness.operatorPrincipal, personID: person.id)
        #expect(listed.map(\.result.state) == [.positive])
        #expect(
            try await harness.services.certificates.certificates(for: harness.operatorPrincipal, personID: person.id)
                .isEmpty)
        #expect(try await harness.storage.count("SELECT count(*) FROM exposure_verification_codes") == 0)
    }

    /// The positive that opened a case corrected to negative closes it, unless another positive joined it: then the
    /// person is still a case, and stays isolated until that one is withdrawn too.
    @Test(arguments: StorageBackend.allCases) func aCorrectionKeepsTheCaseAnotherPositiveJoined(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let personID = try #require(try await harness.citizen("850211234").personID)
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)
        harness.clock.advance(seconds: 3600)
        _ = try await results.submit([try harness.item("B-1", "850211234", "positive")], by: ServiceHarness.lab)
        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "negative", hoursAgo: 31)], by: ServiceHarness.lab)
        let cases = try await harness.storage.texts(
            "SELECT state FROM cases WHERE person_id = $1", personID)
        #expect(cases == ["isolating"])
        let orders = try await harness.storage.texts(
            "SELECT state FROM orders WHERE person_id = $1", personID)
        #expect(orders == ["active"])
        // The case's onset was A-1's sample day; it moves to B-1's, and the isolation ends ten days after it.
        #expect(
            try await harness.storage.texts("SELECT CAST(onset AS text) FROM cases WHERE person_id = $1", personID)
                == ["2026-03-01"])
        #expect(
            try await harness.storage.texts(
                "SELECT CAST(end_date AS text) FROM orders WHERE person_id = $1", personID) == ["2026-03-11"])
        let told = try await harness.services.outbox.latest(limit: 1).first?.text
        #expect(told?.contains("your isolation now ends on 2026-03-11") == true)
        let audited = try await harness.services.audit.latest(limit: 3).map(\.action)
        #expect(audited.contains("case.redate"))

        // The other positive withdrawn too: nothing rests on the case any more.
        _ = try await results.submit(
            [try harness.item("B-1", "850211234", "negative", hoursAgo: 1)], by: ServiceHarness.lab)
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", personID) == ["closed"])
        #expect(
            try await harness.storage.texts("SELECT state FROM orders WHERE person_id = $1", personID) == ["released"])
    }

    /// A second positive PCR in an open case is the same infection: its recovery certificate dates the first
    /// positive, and the days of validity, from the case's first positive sample, not its own.
    @Test(arguments: StorageBackend.allCases) func aJoiningPositivesRecoveryCertificateDatesTheFirstPositive(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)
        let second = try await results.submit(
            [try harness.item("B-1", "850211234", "positive")], by: ServiceHarness.lab)
        let id = try #require(second.first?.certificateId)
        let certificate = try await harness.services.certificates.certificate(id: id, for: harness.operatorPrincipal)
        let entry = try await harness.verify(certificate.hc1).healthCertificate?.json["r"]?.firstElement
        #expect(entry?["fr"]?.stringValue == "2026-02-28" && entry?["df"]?.stringValue == "2026-03-11")
        #expect(entry?["du"]?.stringValue == "2026-08-27")

        // The first positive withdrawn, the second's certificate is issued again from its own sample.
        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "negative", hoursAgo: 30)], by: ServiceHarness.lab)
        let active = try await harness.services.certificates.certificates(
            for: harness.operatorPrincipal, personID: certificate.personId
        ).filter { !$0.isRevoked && $0.resultId == certificate.resultId }
        #expect(active.count == 1 && active.first?.id != id)
        let redated = try await harness.verify(try #require(active.first).hc1).healthCertificate?.json["r"]?
            .firstElement
        #expect(redated?["fr"]?.stringValue == "2026-03-01" && redated?["df"]?.stringValue == "2026-03-12")
        let old = try await harness.services.certificates.certificate(id: id, for: harness.operatorPrincipal)
        #expect(old.revocationReason == "first-positive-corrected")
    }

    @Test(arguments: StorageBackend.allCases) func aPositiveResultGivesItsOwnerAOneTimeCodeForTwentyFourHours(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let citizen = try await harness.citizen("900112345")
        _ = try await harness.services.results.submit(
            [try harness.item("P-1", "900112345", "positive", test: "rapid-antigen")], by: ServiceHarness.lab)
        let seen = try await harness.services.results.results(for: citizen, personID: nil)
        let code = try #require(seen.first?.verificationCode)
        #expect(code.code.count == 10 && code.expiresAt == harness.clock.wallClock.now().adding(seconds: 86_400))
        let staffView = try await harness.services.results.results(
            for: harness.operatorPrincipal, personID: citizen.personID)
        #expect(staffView.first?.verificationCode == nil)

        let verification = harness.services.exposureVerification
        let now = harness.clock.wallClock.now()
        let redeemed = try await verification.consume(code: code.code, at: now)
        #expect(redeemed.diagnosis.testType == .likely && redeemed.diagnosis.symptomDate == nil && !redeemed.isRetry)
        let retry = try await verification.consume(code: code.code, at: now.adding(seconds: 899))
        #expect(retry.isRetry && retry.retryTag == redeemed.retryTag && retry.diagnosis == redeemed.diagnosis)
        let again = await #expect(throws: ServiceError.self) {
            try await verification.consume(code: code.code, at: now.adding(seconds: 900))
        }
        #expect(again?.code == .invalidVerificationCode)
        #expect(try await harness.services.results.results(for: citizen, personID: nil).first?.verificationCode == nil)

        _ = try await harness.services.results.submit(
            [try harness.item("P-2", "900112345", "positive")], by: ServiceHarness.lab)
        let second = try #require(
            try await harness.services.results.results(for: citizen, personID: nil).first {
                $0.result.sampleId == "P-2"
            }?
            .verificationCode)
        harness.clock.advance(seconds: 86_400)
        let expired = await #expect(throws: ServiceError.self) {
            try await verification.consume(code: second.code, at: harness.clock.wallClock.now())
        }
        #expect(expired?.code == .expiredVerificationCode)
    }

    @Test(arguments: StorageBackend.allCases) func badItemsAreRefusedAloneWithTheirCodes(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        _ = try await harness.person("860311234", name: "Omar Khalid")
        let results = harness.services.results
        _ = try await results.submit([try harness.item("C-1", "850211234", "negative")], by: ServiceHarness.lab)
        let outcomes = try await results.submit(
            [
                try harness.item("C-2", "850211234", "negative"),
                try harness.item("C-3", "999999999", "negative"),
                try harness.item("C-1", "860311234", "negative"),
                try harness.item("C-2", "850211234", "positive"),
                .success(
                    try LabResultSubmission(
                        sampleId: "C-4", nationalId: "850211234", test: "pcr", result: "negative",
                        sampledAt: "2026-03-01T08:00:00Z", resultedAt: "2026-03-01T09:00:00Z")),
                .failure(ServiceError(.invalidTest, "test must be pcr or rapid-antigen.")),
            ], by: ServiceHarness.lab)
        #expect(outcomes.map(\.status) == [.created, .rejected, .rejected, .rejected, .rejected, .rejected])
        #expect(
            outcomes.compactMap(\.error?.code) == [
                "person-not-found", "sample-id-conflict", "duplicate-sample-id", "date-in-future", "invalid-test",
            ])
        #expect(outcomes.map(\.index) == Array(0..<6))
        let refused = #expect(throws: ServiceError.self) {
            try LabResultSubmission(
                sampleId: "X", nationalId: "850211234", test: "pcr", result: "negative",
                sampledAt: "2026-03-01T05:00:00Z", resultedAt: "2026-03-01T04:00:00Z")
        }
        #expect(refused?.code == .resultBeforeSample)
    }

    @Test(arguments: StorageBackend.allCases) func anAllOrNothingBatchWithOneBadItemWritesNothing(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let thrown = await #expect(throws: ResultBatchRejected.self) {
            try await harness.services.results.submit(
                [try harness.item("A-1", "850211234", "negative"), try harness.item("A-2", "999999999", "negative")],
                by: ServiceHarness.lab, allOrNothing: true)
        }
        #expect(thrown?.outcomes.map(\.status) == [.created, .rejected])
        #expect(try await harness.services.results.results(for: harness.operatorPrincipal, personID: person.id).isEmpty)
        #expect(
            try await harness.services.certificates.certificates(for: harness.operatorPrincipal, personID: person.id)
                .isEmpty)
    }

    @Test(arguments: StorageBackend.allCases) func citizensSeeTheirOwnAndTheirDependantsResultsOnly(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let parent = try await harness.citizen("900112345")
        let child = try await harness.services.accounts.addDependant(
            nationalId: "150312345", dateOfBirth: "2015-03-01", names: .init(name: "Child"), by: parent)
        let stranger = try await harness.person("860311234")
        _ = try await harness.services.results.submit(
            [
                try harness.item("D-1", "900112345", "negative"), try harness.item("D-2", "150312345", "negative"),
                try harness.item("D-3", "860311234", "negative"),
            ], by: ServiceHarness.lab)
        let mine = try await harness.services.results.results(for: parent, personID: nil)
        #expect(Set(mine.map(\.result.sampleId)) == ["D-1", "D-2"])
        #expect(try await harness.services.results.results(for: parent, personID: child.id).count == 1)
        let other = await #expect(throws: ServiceError.self) {
            try await harness.services.results.results(for: parent, personID: stranger.id)
        }
        #expect(other?.code == .personNotFound)
    }

    @Test(arguments: StorageBackend.allCases) func aResultLinksToTheCheckedInTestAppointmentAndCompletesIt(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (citizen, booked) = try await Self.checkedInTestAppointment(harness)
        harness.clock.advance(seconds: 4 * 3600)
        let outcome = try await harness.services.results.submit(
            [try harness.item("SW-1", "900112345", "negative", hoursAgo: 4)], by: ServiceHarness.lab)
        let result = try #require(try await harness.services.results.results(for: citizen, personID: nil).first)
        #expect(outcome[0].status == .created && result.result.appointmentId == booked.id)
        let appointment = try await harness.services.appointments.appointment(id: booked.id, for: citizen)
        #expect(appointment.status == .completed)
    }

    /// Which appointment a result belongs to: the person's checked-in or completed one for the same test whose slot
    /// starts within a day of the sample (a day exactly included), read once for the batch.
    @Test(arguments: StorageBackend.allCases) func aResultLinksOnlyToItsTestsAppointmentWithinADay(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let (citizen, booked) = try await Self.checkedInTestAppointment(harness)
        // The slot starts 2026-03-02T08:00Z; the clock is moved to 2026-03-04T06:00Z.
        harness.clock.advance(seconds: 46 * 3600)
        let outcomes = try await harness.services.results.submit(
            [
                try harness.item("W-1", "900112345", "negative", test: "rapid-antigen", hoursAgo: 46),
                try harness.item("W-2", "900112345", "negative", hoursAgo: 21),
                try harness.item("W-3", "900112345", "negative", hoursAgo: 45),
                try harness.item("W-4", "900112345", "negative", hoursAgo: 22),
            ], by: ServiceHarness.lab)
        #expect(outcomes.map(\.status) == [.created, .created, .created, .created])
        let results = try await harness.services.results.results(for: citizen, personID: nil)
        let linked = Dictionary(uniqueKeysWithValues: results.map { ($0.result.sampleId, $0.result.appointmentId) })
        #expect(linked == ["W-1": nil, "W-2": nil, "W-3": booked.id, "W-4": booked.id])
        let appointment = try await harness.services.appointments.appointment(id: booked.id, for: citizen)
        #expect(appointment.status == .completed)
    }

    /// A batch's audit entries are appended together at its end: one per recorded item, in item order with what
    /// each set off (the positive's case), none for a refused item, and the chain holds.
    @Test(arguments: StorageBackend.allCases) func aBatchIsAuditedItemByItemInOrderWithoutItsRefusedItems(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        let outcomes = try await harness.services.results.submit(
            [
                try harness.item("A-1", "850211234", "negative"), try harness.item("A-2", "111111111", "negative"),
                try harness.item("A-3", "850211234", "positive"), try harness.item("A-1", "850211234", "negative"),
            ], by: ServiceHarness.lab)
        #expect(outcomes.map(\.status) == [.created, .rejected, .created, .rejected])
        let entries = try await harness.services.audit.latest(limit: 10).reversed()
        #expect(entries.map(\.action) == ["person.register", "result.record", "case.open", "result.record"])
        let recorded = entries.filter { $0.action == "result.record" }.map(\.subject)
        #expect(recorded == [outcomes[0], outcomes[2]].map { "result:\($0.resultId ?? "")" })
        #expect(try await harness.services.audit.verify().firstBrokenSequence == nil)
    }

    /// A citizen (national id 900112345) checked in at a PCR appointment whose slot starts 2026-03-02T08:00Z, the
    /// clock moved to that start.
    private static func checkedInTestAppointment(_ harness: ServiceHarness) async throws -> (Principal, Appointment) {
        let (_, slots) = try await harness.centreWithSlots(service: "pcr")
        let citizen = try await harness.citizen("900112345")
        let booked = try await harness.services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "swab", by: citizen)
        harness.clock.advance(seconds: 26 * 3600)
        _ = try await harness.services.appointments.checkIn(
            appointmentID: booked.appointment.id, code: booked.appointment.checkInCode, by: ServiceHarness.vaccinator)
        return (citizen, booked.appointment)
    }
}
