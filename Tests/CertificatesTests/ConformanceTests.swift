import Foundation
import Testing

@testable import Certificates

/// Every case of the dgc-testdata conformance suite (Tests/Fixtures/dcc), every EXPECTED* flag it sets.
/// Disagreements must be on the upstream known-issues list (upstream-known-issues.csv and the testdata README).
@Suite struct ConformanceTests {
    /// A case and flag whose expectation upstream knows to be wrong, with the reason.
    struct KnownIssue {
        let country: String
        /// nil: every case of the country.
        let caseName: String?
        let flags: [String]
        let reason: String

        func covers(_ testCase: ConformanceCase, _ flag: String) -> Bool {
            testCase.country == country && (caseName == nil || caseName == testCase.caseName) && flags.contains(flag)
        }
    }

    static let schemaFlags = ["EXPECTEDSCHEMAVALIDATION", "EXPECTEDVALIDOBJECT"]
    static let knownIssues: [KnownIssue] =
        [
            KnownIssue(
                country: "NL", caseName: nil, flags: schemaFlags,
                reason: "issue #107: NL's schema flags follow NL plausibility rules, not the JSON schema"),
            KnownIssue(country: "BG", caseName: "1", flags: schemaFlags, reason: "issue #298: v/t/r present as null"),
            KnownIssue(country: "BG", caseName: "2", flags: schemaFlags, reason: "issue #298: v/t/r present as null"),
            KnownIssue(country: "LI", caseName: "4", flags: ["EXPECTEDSCHEMAVALIDATION"], reason: "issue #339"),
            KnownIssue(
                country: "HU", caseName: "3", flags: schemaFlags,
                reason: "issue #340: tc and ci exceed schema 1.0.0 maxLength"),
            KnownIssue(country: "RO", caseName: "2", flags: ["EXPECTEDSCHEMAVALIDATION"], reason: "issue #356"),
            KnownIssue(country: "SK", caseName: "3", flags: ["EXPECTEDSCHEMAVALIDATION"], reason: "issue #357"),
            KnownIssue(
                country: "FR", caseName: "test_pcr_ok", flags: ["EXPECTEDDECODE", "EXPECTEDVALIDJSON"],
                reason: "issue #141: JSON times 2 h off the signed payload"),
            KnownIssue(
                country: "ES", caseName: "401", flags: ["EXPECTEDVERIFY"],
                reason: "issue #228: ES256 label on a P-384 key"),
            KnownIssue(
                country: "ES", caseName: "402", flags: ["EXPECTEDVERIFY"],
                reason: "issue #228: ES256 label on a P-384 key"),
            KnownIssue(
                country: "ES", caseName: "403", flags: ["EXPECTEDVERIFY"],
                reason: "issue #228: ES256 label on a P-384 key"),
            KnownIssue(
                country: "FI", caseName: nil, flags: ["EXPECTEDVERIFY", "EXPECTEDEXPIRATIONCHECK", "EXPECTEDKEYUSAGE"],
                reason: "issue #407: FI DSCs are not strict DER"),
            KnownIssue(
                country: "IS", caseName: "3", flags: ["EXPECTEDKEYUSAGE"],
                reason: "README: a DSC with only the ICAO EKU is valid for all types in our (CWA app) reading"),
        ] + ourPolicy

    /// Cases upstream expects to pass that we refuse on purpose, each with the rule that refuses them.
    static let ourPolicy: [KnownIssue] = [
        KnownIssue(
            country: "common", caseName: "CO20", flags: ["EXPECTEDVERIFY"],
            reason:
                "alg only in the unprotected header (the protected one is empty): the hcert specification puts alg in "
                + "the protected header, where the signature covers it, so we refuse it as cose-missing-alg")
    ]

    static func allCases() throws -> [ConformanceCase] {
        let root = try TestDataLocation.dcc()
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "json" && !$0.path.contains("/schema/") } ?? []
        return try files.sorted { $0.path < $1.path }.map { try ConformanceCase(url: $0, root: root) }
    }

    /// Runs `zbarimg` over the case's QR image; nil when the file carries none (upstream's separate image
    /// files were not copied), so the flag is not tested there.
    static func decodePicture(_ testCase: ConformanceCase) async throws -> String? {
        guard let base64 = testCase.text("2DCODE") ?? testCase.text("_2DCODE") else { return nil }
        guard let png = Data(base64Encoded: base64) else {
            throw ConformanceCase.Mismatch(reason: "2DCODE is not base64")
        }
        return try await Zbarimg.decode(png, fileExtension: "png")
    }

    static func verdict(_ testCase: ConformanceCase, _ flag: String) async -> (Bool?, String) {
        do {
            if flag == "EXPECTEDPICTUREDECODE" {
                guard let decoded = try await decodePicture(testCase) else { return (nil, "no image") }
                return (decoded == testCase.text("PREFIX"), "zbarimg read \(decoded.prefix(20))")
            }
            return (try testCase.verdict(flag), "")
        } catch {
            return (false, "\(error)")
        }
    }

    @Test func everyCaseAgreesOrIsAKnownUpstreamIssue() async throws {
        let cases = try Self.allCases()
        #expect(cases.count == 510)
        // A few cases at a time: each may start a zbarimg process.
        let outcomes = await withTaskGroup(of: [(String, String, Bool, Bool, String)].self) { group in
            var pending = cases[...]
            func startNext() {
                guard let testCase = pending.popFirst() else { return }
                group.addTask {
                    var outcomes: [(String, String, Bool, Bool, String)] = []
                    for (flag, expected) in testCase.expected {
                        let (actual, why) = await Self.verdict(testCase, flag)
                        if let actual { outcomes.append((testCase.name, flag, expected, actual, why)) }
                    }
                    return outcomes
                }
            }
            for _ in 0..<8 { startNext() }
            var all: [(String, String, Bool, Bool, String)] = []
            for await outcome in group {
                all += outcome
                startNext()
            }
            return all
        }
        let caseByName = Dictionary(uniqueKeysWithValues: cases.map { ($0.name, $0) })
        var tally: [String: (agree: Int, disagree: Int, known: Int)] = [:]
        var unexplained: [String] = []
        for (name, flag, expected, actual, why) in outcomes.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            var counts = tally[flag] ?? (0, 0, 0)
            if expected == actual {
                counts.agree += 1
            } else {
                counts.disagree += 1
                if let testCase = caseByName[name], Self.knownIssues.contains(where: { $0.covers(testCase, flag) }) {
                    counts.known += 1
                } else {
                    unexplained.append("\(name) \(flag) expected=\(expected) actual=\(actual) \(why)")
                }
            }
            tally[flag] = counts
        }
        for flag in tally.keys.sorted() {
            let counts = tally[flag]!
            print(
                "conformance \(flag): agree=\(counts.agree) disagree=\(counts.disagree) (known upstream issues: \(counts.known))"
            )
        }
        #expect(unexplained.isEmpty, "\(unexplained.count) unexplained:\n\(unexplained.joined(separator: "\n"))")
        #expect(tally["EXPECTEDVERIFY"].map { $0.agree > 450 } == true)
    }
}

/// The whole verifier, from the PREFIX string, agrees with each case's signature expectation.
@Suite struct ConformanceVerifierTests {
    @Test func verifierSignatureStepMatchesExpectations() throws {
        var checked = 0
        for testCase in try ConformanceTests.allCases() {
            guard let expected = testCase.expected.first(where: { $0.flag == "EXPECTEDVERIFY" })?.value,
                let prefix = testCase.text("PREFIX"), let signer = try? testCase.documentSigner(),
                let chain = try? testCase.coseFromPrefix(),
                (try? testCase.bytes("COSE")).flatMap({ $0 }) ?? chain == chain,
                !ConformanceTests.knownIssues.contains(where: { $0.covers(testCase, "EXPECTEDVERIFY") })
            else { continue }
            let result = CertificateVerifier(trustList: TrustList(signers: [signer]))
                .verify(prefix, at: (try? testCase.clock()) ?? Date())
            #expect(
                (result.checks.signature == true) == expected, "\(testCase.name): \(String(describing: result.error))")
            checked += 1
        }
        #expect(checked > 400)
    }
}
