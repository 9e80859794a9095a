import Foundation
import Testing

@testable import Certificates

/// Certificates altered after signing with the real key in ways a schema or header check must catch, and the
/// order in which an officer is told what is wrong.
@Suite struct TamperingTests {
    let fixture: IssuerFixture

    init() throws { fixture = try IssuerFixture() }

    /// Dates of birth must be dates that exist; 00 stands for an unknown month or day, as NL issues them.
    @Test(arguments: [
        ("1990-13-45", false), ("1990-02-30", false), ("2021-02-29", false), ("1990-04-31", false),
        ("2020-02-29", true), ("1963-00", true), ("1963-00-00", true), ("1990-12", true), ("1990", true),
        ("1990-12-31", true),
    ])
    func dateOfBirthMustExist(dateOfBirth: String, valid: Bool) throws {
        let completed = try fixture.issuer.prepare(try IssuerFixture.payload())
        let tampered = try Self.replacingDateOfBirth(in: completed.json, with: dateOfBirth)
        if valid {
            try HealthCertificate(json: tampered).validate()
        } else {
            let error = #expect(throws: CertificateError.self) { try HealthCertificate(json: tampered).validate() }
            #expect(error?.code == .schemaViolation)
            let hc1 = try fixture.issuer.issue(
                HealthCertificate(json: tampered), issuedAt: fixture.now, validity: 86_400)
            let result = fixture.verifier.verify(hc1, at: fixture.now)
            #expect(result.checks.signature == true && result.checks.schema == false)
        }
    }

    static func replacingDateOfBirth(in json: JSONValue, with dateOfBirth: String) throws -> JSONValue {
        guard case .object(var members) = json, let index = members.firstIndex(where: { $0.key == "dob" }) else {
            throw Mismatch(reason: "no dob")
        }
        members[index].value = .string(dateOfBirth)
        return .object(members)
    }

    struct Mismatch: Error { let reason: String }

    /// The hcert specification puts `alg` in the protected header; one only in the unprotected header could be
    /// changed without breaking the signature, so it is refused.
    @Test func algorithmOnlyInTheUnprotectedHeaderIsRefused() throws {
        let protectedKidOnly = CBOREncoder.encode(.map([.init(key: 4, value: .byteString(fixture.issuer.keyID))]))
        let cose = try fixture.signedCOSE(
            protected: protectedKidOnly, unprotected: [.init(key: 1, value: -7)], payload: try fixture.claimsPayload())
        let error = #expect(throws: CertificateError.self) { try COSESign1(decoding: cose) }
        #expect(error?.code == .missingAlgorithm)
        #expect(error?.reason.contains("only in the unprotected") == true)
        let result = fixture.verifier.verify(try IssuerFixture.hc1(cose: cose), at: fixture.now)
        #expect(result.checks.cose == false && result.error?.code == .missingAlgorithm)
    }

    /// A certificate past its `exp` whose signer is not yet valid is reported as expired: the holder's problem first.
    @Test func expiryIsReportedBeforeTheSignersValidity() throws {
        let now = fixture.now
        let later = try IssuerFixture(
            dscValidity: now.addingTimeInterval(30 * 86_400)...now.addingTimeInterval(90 * 86_400))
        let hc1 = try later.issue(at: now, days: 1)
        let result = later.verifier.verify(hc1, at: now.addingTimeInterval(2 * 86_400))
        #expect(result.checks.expiry == false)
        #expect(result.error?.code == .expired)
    }
}
