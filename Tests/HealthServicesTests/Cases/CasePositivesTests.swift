import Certificates
import Testing

@testable import HealthServices

/// Which positives a case rests on: the one that opened it and those recorded or corrected to positive while it was
/// open, never one that was already positive before it opened; after the case ended, still those.
@Suite struct CasePositivesTests {
    @Test(arguments: StorageBackend.allCases) func aPositiveOfAnEarlierCaseTouchedLaterDoesNotHoldANewCase(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("P-0", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)
        let first = try #require(try await harness.services.cases.cases(state: nil, assignedTo: nil, since: nil).first)
        _ = try await harness.services.cases.close(caseID: first.id, by: harness.operatorPrincipal)
        harness.clock.advance(seconds: 3600)
        _ = try await results.submit([try harness.item("P-1", "850211234", "positive")], by: ServiceHarness.lab)
        // The lab sends P-0 again with another report time: still positive, and from before the new case.
        harness.clock.advance(seconds: 3600)
        let resent = try await results.submit(
            [try harness.item("P-0", "850211234", "positive", hoursAgo: 32)], by: ServiceHarness.lab)
        #expect(resent.map(\.status) == [.corrected])
        // P-1 withdrawn, nothing holds the new case: it closes and its isolation is released.
        _ = try await results.submit(
            [try harness.item("P-1", "850211234", "negative", hoursAgo: 1)], by: ServiceHarness.lab)
        let states = try await harness.storage.texts(
            "SELECT state FROM cases WHERE person_id = $1 ORDER BY opened_at", person.id)
        #expect(states == ["closed", "closed"])
        let orders = try await harness.storage.texts(
            "SELECT state FROM orders WHERE person_id = $1 ORDER BY created_at", person.id)
        #expect(orders == ["released", "released"])
    }

    /// A positive that joined a case and is certified again after the case recovered (a lab's correction here; a
    /// passport name's takes the same path) still dates its recovery from the case's first positive; and that
    /// first positive withdrawn after the recovery dates it again from its own.
    @Test(arguments: StorageBackend.allCases) func aRecoveredCasesPositivesKeepItsFirstPositive(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "positive", hoursAgo: 30)], by: ServiceHarness.lab)
        let joined = try await results.submit(
            [try harness.item("B-1", "850211234", "positive")], by: ServiceHarness.lab)
        let resultID = try #require(joined.first?.resultId)
        harness.clock.advance(seconds: 11 * 86_400)
        #expect(try await harness.services.orders.releaseDueOrders() == 1)
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", person.id) == ["recovered"])
        func recovery() async throws -> (fr: String?, df: String?) {
            let active = try await harness.services.certificates.certificates(
                for: harness.operatorPrincipal, personID: person.id
            ).filter { !$0.isRevoked && $0.resultId == resultID }
            try #require(active.count == 1)
            let entry = try await harness.verify(active[0].hc1).healthCertificate?.json["r"]?.firstElement
            return (entry?["fr"]?.stringValue, entry?["df"]?.stringValue)
        }

        let corrected = try await results.submit(
            [try harness.item("B-1", "850211234", "positive", hoursAgo: 2 + 11 * 24)], by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected])
        #expect(try await recovery() == ("2026-02-28", "2026-03-11"))

        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "negative", hoursAgo: 30 + 11 * 24)], by: ServiceHarness.lab)
        #expect(try await recovery() == ("2026-03-01", "2026-03-12"))
    }

    /// A positive PCR sampled during a case the person has recovered from, reported after it ended, is that
    /// infection's: no second case, no new isolation, and its recovery certificate counts from the first positive.
    @Test(arguments: StorageBackend.allCases) func aLateReportSampledDuringARecoveredCaseJoinsIt(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit([try harness.item("A-1", "850211234", "positive")], by: ServiceHarness.lab)
        harness.clock.advance(seconds: 5 * 86_400)
        _ = try await results.submit(
            [try harness.item("C-1", "850211234", "pending", hoursAgo: 24)], by: ServiceHarness.lab)
        harness.clock.advance(seconds: 6 * 86_400)
        #expect(try await harness.services.orders.releaseDueOrders() == 1)

        let late = try await results.submit(
            [try harness.item("B-1", "850211234", "positive", hoursAgo: 7 * 24)], by: ServiceHarness.lab)
        #expect(late.map(\.status) == [.created])
        #expect(
            try await harness.storage.texts("SELECT state FROM cases WHERE person_id = $1", person.id) == ["recovered"])
        #expect(
            try await harness.storage.count(
                "SELECT count(*) FROM orders WHERE person_id = $1 AND state = 'active'", person.id) == 0)
        let certificate = try await harness.services.certificates.certificate(
            id: try #require(late.first?.certificateId), for: harness.operatorPrincipal)
        let entry = try await harness.verify(certificate.hc1).healthCertificate?.json["r"]?.firstElement
        #expect(entry?["fr"]?.stringValue == "2026-03-01" && entry?["du"]?.stringValue == "2026-08-28")

        // A result pending during the isolation and corrected to positive after it is the same infection's too.
        let corrected = try await results.submit(
            [try harness.item("C-1", "850211234", "positive", hoursAgo: 7 * 24)], by: ServiceHarness.lab)
        #expect(corrected.map(\.status) == [.corrected])
        #expect(try await harness.storage.count("SELECT count(*) FROM cases WHERE person_id = $1", person.id) == 1)
        let correctedCertificate = try await harness.services.certificates.certificate(
            id: try #require(corrected.first?.certificateId), for: harness.operatorPrincipal)
        let correctedEntry = try await harness.verify(correctedCertificate.hc1).healthCertificate?.json["r"]?
            .firstElement
        #expect(correctedEntry?["fr"]?.stringValue == "2026-03-01")
    }

    /// A case opened already recovered (its positive reported after its isolation would have ended) had no
    /// isolation: a positive sampled after its onset and reported later is judged on its own, and isolates the
    /// person when its isolation is not over.
    @Test(arguments: StorageBackend.allCases) func aCaseOpenedRecoveredTakesInNoLaterSample(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        _ = try await results.submit(
            [try harness.item("A-1", "850211234", "positive", hoursAgo: 20 * 24)], by: ServiceHarness.lab)
        let recent = try await results.submit(
            [try harness.item("B-1", "850211234", "positive", hoursAgo: 2 * 24)], by: ServiceHarness.lab)
        #expect(recent.map(\.status) == [.created])
        let states = try await harness.storage.texts(
            "SELECT state FROM cases WHERE person_id = $1 ORDER BY opened_at", person.id)
        #expect(states.sorted { ($0 ?? "") < ($1 ?? "") } == ["isolating", "recovered"])
    }

    /// A positive PCR sampled before the case's first, uploaded later (another lab's), joins the case and dates the
    /// others' recovery certificates again from its day, as a correction moving the first positive does.
    @Test(arguments: StorageBackend.allCases) func anEarlierSampledPositiveRedatesTheCasesCertificates(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend)
        let person = try await harness.person("850211234")
        let results = harness.services.results
        let first = try await results.submit(
            [try harness.item("A-1", "850211234", "positive")], by: ServiceHarness.lab)
        let resultID = try #require(first.first?.resultId)
        let old = try #require(first.first?.certificateId)
        _ = try await results.submit(
            [try harness.item("B-1", "850211234", "positive", hoursAgo: 50)], by: ServiceHarness.lab)
        let active = try await harness.services.certificates.certificates(
            for: harness.operatorPrincipal, personID: person.id
        ).filter { !$0.isRevoked && $0.resultId == resultID }
        try #require(active.count == 1)
        let entry = try await harness.verify(active[0].hc1).healthCertificate?.json["r"]?.firstElement
        #expect(entry?["fr"]?.stringValue == "2026-02-27" && entry?["df"]?.stringValue == "2026-03-10")
        let revoked = try await harness.services.certificates.certificate(id: old, for: harness.operatorPrincipal)
        #expect(revoked.revocationReason == "first-positive-corrected")
    }
}
