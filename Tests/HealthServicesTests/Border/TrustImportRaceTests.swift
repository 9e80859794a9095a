import Certificates
import Foundation
import PostgresNIO
import Testing

@testable import HealthServices

/// Two imports of one trust source at once on PostgreSQL: the later replaces the earlier whole, so a signer withdrawn
/// upstream leaves the list. The imports are queued here behind a transaction of the test's own that holds the
/// lists' version row, the first while it has written its signers. (SQLite runs writes one after another.)
@Suite struct TrustImportRaceTests {
    @Test func twoImportsOfOneSourceLeaveOneListNotBoth() async throws {
        let harness = try await ServiceHarness(.postgres)
        let database = try harness.storage.postgres
        let now = harness.clock.date
        let lists = harness.services.borderLists
        let (first, shared, second, old) = (
            try ForeignIssuer(now: now), try ForeignIssuer(now: now), try ForeignIssuer(now: now),
            try ForeignIssuer(now: now)
        )
        func list(_ issuers: ForeignIssuer...) throws -> TrustListImport {
            let signers = issuers.map { TrustedSigner(certificate: $0.issuer.documentSigner) }
            return try TrustListImport(data: Array(try TrustList(signers: signers).gatewayJSON()))
        }
        _ = try await lists.importTrustList(try list(old), source: "gateway", by: harness.operatorPrincipal)
        let (listA, listB) = (try list(first, shared), try list(shared, second))

        let imports = try await database.holding("SELECT 1 FROM border_lists_version WHERE id = 1 FOR UPDATE") {
            let importA = Task {
                try await lists.importTrustList(listA, source: "gateway", by: harness.operatorPrincipal)
            }
            let firstQueued = try await database.waitUntilWaiting(1)
            let importB = Task {
                try await lists.importTrustList(listB, source: "gateway", by: harness.operatorPrincipal)
            }
            let bothQueued = try await database.waitUntilWaiting(2)
            #expect(firstQueued && bothQueued, "both imports wait on the held version")
            return (importA, importB)
        }
        let (a, b) = (try await imports.0.value, try await imports.1.value)
        let stored = Set(try await lists.importedSigners(country: nil).map(\.kid))
        func kids(_ issuers: ForeignIssuer...) -> Set<String> {
            Set(issuers.map { Data(TrustedSigner.keyID(for: $0.issuer.documentSigner)).base64EncodedString() })
        }
        #expect(stored == kids(shared, second) || stored == kids(first, shared), "one list, not both")
        #expect(a.replaced + b.replaced == 3, "the old signer, then the two of the import before")
        let withdrawn = stored == kids(shared, second) ? first : second
        let signed = try withdrawn.pcr(sampledHoursBefore: 2, now: now)
        #expect(try await harness.services.certificates.verify(signed, at: nil).error?.code == .unknownKid)
    }
}
