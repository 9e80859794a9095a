import CryptoCore
import Foundation
import TestSupport
import Testing

@testable import Certificates

/// Reading another country's trust list for import: kids computed from the certificates, unusable entries refused
/// with their kid, other certificate types skipped, expired signers kept.
@Suite struct TrustListImportTests {
    static func entry(_ certificate: X509Certificate, kid: String? = nil, country: String = "DE", type: String = "DSC")
        -> [String: String]
    {
        [
            "kid": kid ?? Data(TrustedSigner.keyID(for: certificate)).base64EncodedString(), "country": country,
            "certificateType": type, "rawData": Data(certificate.derRepresentation).base64EncodedString(),
            "timestamp": "2021-06-01T00:00:00Z", "thumbprint": "ignored", "signature": "ignored",
        ]
    }

    static func list(_ entries: [[String: String]]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: entries))
    }

    /// A P-384 document signer of the conformance data (ES 401), a key the verifier cannot use.
    static func p384Signer() throws -> X509Certificate {
        let testCase = try ConformanceCase(
            url: try TestDataLocation.dcc().appendingPathComponent("ES/2DCode/raw/401.json"),
            root: try TestDataLocation.dcc())
        return try testCase.documentSigner().certificate
    }

    @Test func gatewayEntriesAreCheckedOneByOne() throws {
        let good = try IssuerFixture().dsc
        let other = try IssuerFixture().dsc
        let p384 = try Self.p384Signer()
        let read = try TrustListImport(
            data: try Self.list([
                Self.entry(good),
                Self.entry(other, kid: Data(TrustedSigner.keyID(for: good)).base64EncodedString()),
                Self.entry(good, type: "CSCA"),
                ["kid": "AAAAAAAAAAA=", "country": "DE", "certificateType": "DSC", "rawData": "bm90IGEgY2VydA=="],
                Self.entry(p384, country: "ES"),
            ]))
        #expect(read.signers.map(\.keyID) == [TrustedSigner.keyID(for: good)])
        #expect(read.signers.first?.country == "DE")
        #expect(read.skipped == 1)
        #expect(read.refused.count == 3)
        #expect(read.refused[0].reason.hasPrefix("the certificate's kid is "))
        #expect(read.refused[1] == .init(kid: "AAAAAAAAAAA=", reason: "rawData is not an X.509 certificate"))
        #expect(read.refused[2].kid == Data(TrustedSigner.keyID(for: p384)).base64EncodedString())
        #expect(read.refused[2].reason.contains("secp384r1"))
    }

    @Test func pemBundlesTakeTheCountryFromTheSubjectAndKeepExpiredSigners() throws {
        let expired = try IssuerFixture(
            dscValidity: Date(timeIntervalSince1970: 1_500_000_000)...Date(timeIntervalSince1970: 1_600_000_000)
        ).dsc
        let current = try IssuerFixture().dsc
        let read = try TrustListImport(data: Array((expired.pemRepresentation + current.pemRepresentation).utf8))
        #expect(read.signers.count == 2 && read.refused.isEmpty)
        #expect(read.signers.allSatisfy { $0.country == "BH" })
        #expect(try TrustListImport(data: current.derRepresentation).signers.count == 1)
    }

    @Test(arguments: [(1024, false), (2048, true), (4096, true)])
    func rsaKeysAreAcceptedFrom2048To4096Bits(bits: Int, accepted: Bool) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rsa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try await ChildProcess(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:\(bits)", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "30", "-subj", "/C=FR/CN=DSC test",
            ], in: directory
        ).run()
        #expect(made.status == 0, "\(made.errorText)")
        let read = try TrustListImport(data: Array(try Data(contentsOf: directory.appendingPathComponent("cert.pem"))))
        #expect(read.signers.count == (accepted ? 1 : 0))
        #expect(read.refused.count == (accepted ? 0 : 1))
        if !accepted { #expect(read.refused.first?.reason.contains("\(bits) bits") == true) }
    }

    @Test func filesThatAreNoTrustListAreRefusedWhole() {
        for data in ["{\"kid\":1}", "[{\"kid\":1}]", "neither"].map({ Array($0.utf8) }) {
            #expect(throws: CertificateError.self) { try TrustListImport(data: data) }
        }
    }
}
