import CryptoCore
import Foundation
import TestSupport
import Testing

@testable import Certificates

/// Certificates we issue, checked by the independent reference checker scripts/reference/dcc_ref.py.
@Suite struct ReferenceCheckerTests {
    /// The EXPECTED* flags every certificate we issue must pass.
    static let expectedFlags = [
        "EXPECTEDUNPREFIX", "EXPECTEDB45DECODE", "EXPECTEDCOMPRESSION", "EXPECTEDVERIFY", "EXPECTEDDECODE",
        "EXPECTEDVALIDJSON", "EXPECTEDSCHEMAVALIDATION", "EXPECTEDVALIDOBJECT", "EXPECTEDEXPIRATIONCHECK",
        "EXPECTEDKEYUSAGE",
    ]

    /// Issues each payload, writes it as a dgc-testdata case, runs dcc_ref.py over them and returns its report
    /// and exit status.
    static func check(_ payloads: [HealthCertificate], fixture: IssuerFixture) async throws -> (JSONValue, Int32) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dccref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, certificate) in payloads.enumerated() {
            let hc1 = try fixture.issuer.issue(certificate, issuedAt: fixture.now, validity: 14 * 86_400)
            let testCase = JSONValue.object([
                .init("PREFIX", .string(hc1)),
                .init("JSON", certificate.json),
                .init(
                    "TESTCTX",
                    .object([
                        .init("CERTIFICATE", .string(Data(fixture.dsc.derRepresentation).base64EncodedString())),
                        .init("VALIDATIONCLOCK", .string(ISO8601.format(fixture.now.addingTimeInterval(86_400)))),
                        .init("SCHEMA", .string("1.3.0")),
                    ])),
                .init("EXPECTEDRESULTS", .object(expectedFlags.map { .init($0, .bool(true)) })),
            ])
            try JSONEncoder().encode(testCase).write(to: directory.appendingPathComponent("issued-\(index).json"))
        }
        let report = directory.appendingPathComponent("report.json")
        let run = try await ReferenceTools.run("dcc_ref.py", [directory.path, "--report", report.path])
        return (try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: report)), run.status)
    }

    @Test func issuedCertificatesVerifyWithDccRef() async throws {
        let fixture = try IssuerFixture()
        let test = """
            {"ver":"1.3.0","nam":{"fn":"Ørsted","gn":"Jürgen"},"dob":"1970",
             "t":[{"tg":"840539006","tt":"LP6464-4","nm":"Roche LightCycler qPCR","sc":"2023-11-14T08:00:00Z",
                   "tr":"260415000","tc":"Central Lab","co":"BH","is":"Ministry of Health"}]}
            """
        let payloads = try [IssuerFixture.vaccinationJSON, test].map {
            try fixture.issuer.prepare(IssuerFixture.payload($0))
        }
        let (summary, status) = try await Self.check(payloads, fixture: fixture)
        #expect(summary["tally"]?["files"] == .integer(2))
        #expect(summary["tally"]?["DISAGREE"] == .integer(0))
        #expect(summary["tally"]?["agree"]?.integerValue ?? 0 >= 18)
        #expect(summary["per_check"]?["EXPECTEDVERIFY"]?["agree"] == .integer(2))
        #expect(status == 0)
    }

    /// One vaccination, test and recovery built from record values, each agreeing with the reference on every flag.
    @Test func recordPayloadsVerifyWithDccRef() async throws {
        let fixture = try IssuerFixture()
        let payloads = try [
            RecordPayloadTests.vaccination("BBIBP-CorV"), RecordPayloadTests.rapidAntigenTest,
            RecordPayloadTests.recovery,
        ].map { try fixture.issuer.prepare($0) }
        let (summary, status) = try await Self.check(payloads, fixture: fixture)
        #expect(summary["tally"]?["files"] == .integer(3))
        #expect(summary["tally"]?["DISAGREE"] == .integer(0))
        for flag in Self.expectedFlags {
            #expect(
                summary["per_check"]?[flag]?["agree"] == .integer(3),
                "\(flag): \(String(describing: summary["per_check"]?[flag]))")
        }
        #expect(status == 0)
    }
}
