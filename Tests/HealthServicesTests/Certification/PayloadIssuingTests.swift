import Certificates
import Foundation
import Testing

@testable import HealthServices

/// `cert issue` holds a payload an operator brings to what the records path gives every certificate: real dates,
/// and a recovery period that runs forwards, has not ended and bounds the certificate's validity.
@Suite struct PayloadIssuingTests {
    static let holder = #""ver":"1.3.0","nam":{"fn":"Al-Haddad","gn":"Yusuf"},"dob":"1979-04-14""#
    static let vaccination =
        #""tg":"840539006","vp":"J07BX03","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,"sd":2,"co":"BH","is":"MoH""#
    static let recovery = #""tg":"840539006","co":"BH","is":"MoH""#

    func issue(_ group: String, _ entry: String, in harness: ServiceHarness) async throws -> String {
        let payload = try JSONDecoder().decode(
            JSONValue.self, from: Data("{\(Self.holder),\"\(group)\":[{\(entry)}]}".utf8))
        return try await harness.services.certificates.issue(
            payload: payload, validityDays: 365, by: harness.operatorPrincipal)
    }

    @Test func payloadsTheRecordsCouldNotGiveAreRefused() async throws {
        let harness = try await ServiceHarness(.sqlite)
        // The clock stands at 2026-03-01T06:00:00Z.
        let refused: [(String, String, String)] = [
            ("dt not a date", "v", Self.vaccination + #","dt":"yesterday""#),
            ("dt in the future", "v", Self.vaccination + #","dt":"2026-03-02""#),
            ("df after du", "r", Self.recovery + #","fr":"2026-02-01","df":"2026-02-12","du":"2026-02-11""#),
            ("fr after df", "r", Self.recovery + #","fr":"2026-02-13","df":"2026-02-12","du":"2026-08-01""#),
            ("no such day", "r", Self.recovery + #","fr":"2026-02-01","df":"2026-02-12","du":"2026-13-45""#),
        ]
        for (name, group, entry) in refused {
            let error = await #expect(throws: CertificateError.self, "\(name)") {
                try await issue(group, entry, in: harness)
            }
            #expect(error?.code == .invalidPayload, "\(name)")
        }
        let ended = await #expect(throws: ServiceError.self) {
            try await issue(
                "r", Self.recovery + #","fr":"2025-08-01","df":"2025-08-12","du":"2026-02-27""#, in: harness)
        }
        #expect(ended?.code == .certificateNotIssuable)
    }

    @Test func aRecoveryCertificateEndsWithItsEntry() async throws {
        let harness = try await ServiceHarness(.sqlite)
        let future = await #expect(throws: CertificateError.self) {
            try await issue(
                "t",
                #""tg":"840539006","tt":"LP6464-4","sc":"2026-03-02T02:00:00Z","tr":"260415000","co":"BH","is":"MoH""#,
                in: harness)
        }
        #expect(future?.code == .invalidPayload)
        let recovery = try await issue(
            "r", Self.recovery + #","fr":"2026-02-01","df":"2026-02-12","du":"2026-07-31""#, in: harness)
        // It ends when `du` does in Bahrain.
        #expect(
            try await harness.verify(recovery).expiresAt
                == Timestamp(iso8601: "2026-08-01T00:00:00+03:00")?.foundationDate)
        let valid = try await issue(
            "v", Self.vaccination + #","dt":"2026-02-01","ci":"URN:UVCI:01:SE:EHM/V12907267LAJW#E""#, in: harness)
        #expect(try await harness.verify(valid).isValid)
    }

    /// A `ci` of a certificate the records issued would share its revocation: verifiers holding our revocation list
    /// would refuse the new certificate too. It is refused; without a `ci`, a new one is made.
    @Test(arguments: StorageBackend.allCases) func aCertificateOfTheRecordsLendsNoUVCI(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        _ = try await harness.person("850211234")
        let id = try #require(
            try await harness.services.results.submit(
                [try harness.item("S-1", "850211234", "negative")], by: ServiceHarness.lab
            ).first?.certificateId)
        let revoked = try await harness.services.certificates.revoke(
            id: id, reason: "issued in error", by: harness.operatorPrincipal)
        let reused = await #expect(throws: ServiceError.self) {
            try await issue("v", Self.vaccination + #","dt":"2026-02-01","ci":"\#(revoked.uvci)""#, in: harness)
        }
        #expect(reused?.code == .uvciInUse)
        let fresh = try await issue("v", Self.vaccination + #","dt":"2026-02-01""#, in: harness)
        #expect(try await harness.verify(fresh).isValid)
        let actions = try await harness.services.audit.latest(limit: 5).map(\.action)
        #expect(actions.filter { $0 == "certificate.issue-payload" }.count == 1)
    }
}
