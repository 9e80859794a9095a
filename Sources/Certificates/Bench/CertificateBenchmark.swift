import CryptoCore
import Foundation
import Synchronization

/// Measures end-to-end ES256 verification (alone, and followed by Bahrain's entry rules as a border check runs them)
/// and issuance of realistic vaccination certificates, and the same for the SMART Health Card of the same payload,
/// in the manner of `openssl speed`: each operation runs for a fixed time on a number of threads and is reported per
/// second. The bare ECDSA sign and verify run in the same run (``P256SpeedReference``), so each HC1 rate can be read
/// as a share of the signature's own cost.
public struct CertificateBenchmark: Sendable {
    /// Operations per second of each kind, by the wall clock across all threads.
    public struct Result: Codable, Sendable, Hashable {
        public var verifyPerSecond: Double
        /// Verification followed by the entry rules that apply (three for this vaccination), to a `valid` verdict.
        public var verifyWithRulesPerSecond: Double
        public var issuePerSecond: Double
        /// A SMART Health Card's QR text checked through to its FHIR content, without rules.
        public var healthCardVerifyPerSecond: Double
        /// A card signed from the DCC payload: the FHIR bundle written, raw-DEFLATEd and signed.
        public var healthCardIssuePerSecond: Double
        public var threads: Int
        /// Operations per second of CPU time the benchmark threads used: what `openssl speed` reports by default
        /// (it divides by user CPU time), so the two compare even on a machine busy with other work.
        public var verifyPerCPUSecond: Double = 0
        public var verifyWithRulesPerCPUSecond: Double = 0
        public var issuePerCPUSecond: Double = 0
        public var healthCardVerifyPerCPUSecond: Double = 0
        public var healthCardIssuePerCPUSecond: Double = 0
        /// `EVP_PKEY_verify` alone on the DSC's key, as `openssl speed ecdsap256` times it.
        public var ecdsaVerifyPerSecond: Double = 0
        /// `EVP_PKEY_sign` alone with the DSC's key, as `openssl speed ecdsap256` times it.
        public var ecdsaSignPerSecond: Double = 0
        public var ecdsaVerifyPerCPUSecond: Double = 0
        public var ecdsaSignPerCPUSecond: Double = 0

        /// HC1 verification per CPU second as a share of the bare ECDSA verify's.
        public var verifyShareOfECDSA: Double = 0
        /// HC1 issuing per CPU second as a share of the bare ECDSA sign's.
        public var issueShareOfECDSA: Double = 0

        enum CodingKeys: String, CodingKey {
            case verifyPerSecond, verifyWithRulesPerSecond, issuePerSecond, healthCardVerifyPerSecond
            case healthCardIssuePerSecond, threads, ecdsaVerifyPerSecond, ecdsaSignPerSecond
            case verifyShareOfECDSA, issueShareOfECDSA
        }
    }

    /// One timed run: successes per wall-clock second and per CPU second.
    struct Rate {
        var perSecond: Double
        var perCPUSecond: Double
    }

    /// A complete vaccination payload as a member state issues it.
    static let payloadJSON = """
        {"ver":"1.3.0","nam":{"fn":"Al-Khalifa","gn":"Mariam Ahmed","fnt":"AL<KHALIFA","gnt":"MARIAM<AHMED"},
         "dob":"1985-11-23","v":[{"tg":"840539006","vp":"J07BX03","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,
         "sd":2,"dt":"2021-09-01","co":"BH","is":"Ministry of Health","ci":"URN:UVCI:01:BH:8A3D6F0C2E1B4A7F9D5C3E2B1A#Q"}]}
        """

    let issuer: CertificateIssuer
    let verifier: CertificateVerifier
    let borderVerifier: CertificateVerifier
    let certificate: HealthCertificate
    let sample: String
    let now: Date
    let holder = CertificateHolder(
        familyName: "Al-Khalifa", givenName: "Mariam Ahmed", familyNameLatin: "Al-Khalifa",
        givenNameLatin: "Mariam Ahmed", dateOfBirth: "1985-11-23")
    let cardSigner: HealthCardSigner
    let cardVerifier: HealthCardVerifier
    let card: [String]

    /// Sets up a CSCA and DSC in memory, a trust list of the DSC, and one issued certificate to verify.
    public init() throws {
        now = Date()
        let cscaKey = try P256PrivateKey()
        let csca = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(commonName: "Benchmark CSCA", country: "BH"), key: cscaKey,
            validFrom: now.addingTimeInterval(-86_400), validUntil: now.addingTimeInterval(365 * 86_400))
        let dscKey = try P256PrivateKey()
        let dsc = try X509Certificate.signed(
            subject: CertificateSubject(commonName: "Benchmark DSC", country: "BH"), publicKey: dscKey.publicKey,
            issuer: csca, issuerKey: cscaKey, extendedKeyUsages: SignerKeyStore.documentSignerKeyUsages,
            validFrom: now.addingTimeInterval(-86_400), validUntil: now.addingTimeInterval(365 * 86_400))
        issuer = try CertificateIssuer(signingKey: dscKey, documentSigner: dsc)
        verifier = CertificateVerifier(trustList: TrustList(signers: [TrustedSigner(certificate: dsc)]))
        var borderVerifier = verifier
        borderVerifier.entryRules = EntryRuleCheck(rules: .defaults, valueSets: .european, destination: "BH")
        self.borderVerifier = borderVerifier
        certificate = try issuer.prepare(try JSONDecoder().decode(JSONValue.self, from: Data(Self.payloadJSON.utf8)))
        sample = try issuer.issue(certificate, issuedAt: now, validity: 365 * 86_400)
        let check = borderVerifier.verify(sample, at: now)
        guard check.verdict == .valid, check.rules.count == 3 else {
            throw check.error ?? CertificateError(.signatureInvalid, "the benchmark certificate is not valid for entry")
        }
        cardSigner = try HealthCardSigner(issuerURL: "https://health.example.bh", signingKey: try P256PrivateKey())
        cardVerifier = HealthCardVerifier(
            issuers: HealthCardIssuerList([
                TrustedHealthCardIssuer(iss: cardSigner.issuerURL, name: "Benchmark", keys: [cardSigner.key])
            ]))
        let bundle = try HealthCardBundle.make(holder: holder, certificate: certificate, lot: "FK1234")
        card = HealthCardQR.texts(
            of: try cardSigner.sign(
                bundle: bundle, revocationID: "benchmark", notBefore: Int64(now.timeIntervalSince1970)))
        guard cardVerifier.verify(card, at: now).isValid else {
            throw CertificateError(.signatureInvalid, "the benchmark card does not verify")
        }
    }

    func issueHealthCard() -> Bool {
        guard let bundle = try? HealthCardBundle.make(holder: holder, certificate: certificate, lot: "FK1234") else {
            return false
        }
        return (try? cardSigner.sign(bundle: bundle, revocationID: "benchmark", notBefore: 1_800_000_000)) != nil
    }

    /// Verifies, verifies with the entry rules, then issues, each for `seconds` on `threads` threads. Verify and
    /// issue run in turns with the bare ECDSA verify and sign of the same key, which their shares are measured
    /// against (``measureInTurns(seconds:threads:subject:reference:)``).
    public func run(seconds: Double, threads: Int) -> Result {
        let (verifyRate, ecdsaVerifyRate) = Self.measureInTurns(
            seconds: seconds, threads: threads,
            subject: { { verifier.verify(sample, at: now).isValid } },
            reference: { [key = issuer.signingKey] in
                guard let reference = try? P256SpeedReference(privateKey: key) else { return { false } }
                return reference.verify
            })
        let rulesRate = Self.measure(seconds: seconds, threads: threads) {
            borderVerifier.verify(sample, at: now).verdict == .valid
        }
        let (issueRate, ecdsaSignRate) = Self.measureInTurns(
            seconds: seconds, threads: threads,
            subject: { { (try? issuer.issue(certificate, issuedAt: now, validity: 365 * 86_400)) != nil } },
            reference: { [key = issuer.signingKey] in
                guard let reference = try? P256SpeedReference(privateKey: key) else { return { false } }
                return reference.sign
            })
        let cardVerifyRate = Self.measure(seconds: seconds, threads: threads) {
            cardVerifier.verify(card, at: now).isValid
        }
        let cardIssueRate = Self.measure(seconds: seconds, threads: threads) { issueHealthCard() }
        var result = Result(
            verifyPerSecond: verifyRate.perSecond, verifyWithRulesPerSecond: rulesRate.perSecond,
            issuePerSecond: issueRate.perSecond, healthCardVerifyPerSecond: cardVerifyRate.perSecond,
            healthCardIssuePerSecond: cardIssueRate.perSecond, threads: threads,
            verifyPerCPUSecond: verifyRate.perCPUSecond, verifyWithRulesPerCPUSecond: rulesRate.perCPUSecond,
            issuePerCPUSecond: issueRate.perCPUSecond, healthCardVerifyPerCPUSecond: cardVerifyRate.perCPUSecond,
            healthCardIssuePerCPUSecond: cardIssueRate.perCPUSecond)
        result.ecdsaVerifyPerSecond = ecdsaVerifyRate.perSecond
        result.ecdsaSignPerSecond = ecdsaSignRate.perSecond
        result.ecdsaVerifyPerCPUSecond = ecdsaVerifyRate.perCPUSecond
        result.ecdsaSignPerCPUSecond = ecdsaSignRate.perCPUSecond
        result.verifyShareOfECDSA = verifyRate.perCPUSecond / max(ecdsaVerifyRate.perCPUSecond, 1)
        result.issueShareOfECDSA = issueRate.perCPUSecond / max(ecdsaSignRate.perCPUSecond, 1)
        return result
    }

    /// Runs `operation` in a loop on each thread until the time is up; successful operations per second.
    static func measure(seconds: Double, threads: Int, operation: @Sendable @escaping () -> Bool) -> Rate {
        tally(seconds: seconds, threads: threads) { operation }.rate
    }

    /// `subject` and `reference` for `seconds` each, in alternating turns of about a quarter second: on a shared
    /// host what a CPU second gets done drifts over a run, and two rates measured one after the other drift apart
    /// with it (HC1 verify read 83-96 % of ECDSA verify over three runs measured that way).
    static func measureInTurns(
        seconds: Double, threads: Int, subject: @Sendable @escaping () -> () -> Bool,
        reference: @Sendable @escaping () -> () -> Bool
    ) -> (subject: Rate, reference: Rate) {
        let turns = max(1, Int((seconds * 4).rounded()))
        var subjectTally = Tally()
        var referenceTally = Tally()
        for _ in 0..<turns {
            subjectTally.add(tally(seconds: seconds / Double(turns), threads: threads, makeOperation: subject))
            referenceTally.add(tally(seconds: seconds / Double(turns), threads: threads, makeOperation: reference))
        }
        return (subjectTally.rate, referenceTally.rate)
    }

    /// What a measurement counted: operations, failures, the threads' CPU time and the wall time.
    struct Tally {
        var operations = 0
        var failures = 0
        var cpuNanoseconds = 0
        var elapsedNanoseconds: UInt64 = 0

        mutating func add(_ other: Tally) {
            operations += other.operations
            failures += other.failures
            cpuNanoseconds += other.cpuNanoseconds
            elapsedNanoseconds += other.elapsedNanoseconds
        }

        /// Successful operations per second of wall and of CPU time; zero when any operation failed.
        var rate: Rate {
            guard failures == 0, elapsedNanoseconds > 0 else { return Rate(perSecond: 0, perCPUSecond: 0) }
            let operations = Double(operations)
            return Rate(
                perSecond: operations * 1e9 / Double(elapsedNanoseconds),
                perCPUSecond: cpuNanoseconds > 0 ? operations * 1e9 / Double(cpuNanoseconds) : 0)
        }
    }

    /// Runs the operation `makeOperation` gives each thread (made before its clock starts) in a loop until the
    /// time is up.
    static func tally(
        seconds: Double, threads: Int, makeOperation: @Sendable @escaping () -> () -> Bool
    ) -> Tally {
        let completed = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        let cpuNanoseconds = Atomic<Int>(0)
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1_000_000_000)
        let group = DispatchGroup()
        for _ in 0..<threads {
            let thread = Thread {
                let operation = makeOperation()
                let cpuStart = CPUClock.threadNanoseconds()
                var count = 0
                var failures = 0
                repeat {
                    for _ in 0..<16 {
                        if operation() { count += 1 } else { failures += 1 }
                    }
                } while DispatchTime.now().uptimeNanoseconds < deadline
                cpuNanoseconds.add(CPUClock.threadNanoseconds() - cpuStart, ordering: .relaxed)
                completed.add(count, ordering: .relaxed)
                failed.add(failures, ordering: .relaxed)
                group.leave()
            }
            group.enter()
            thread.start()
        }
        group.wait()
        return Tally(
            operations: completed.load(ordering: .relaxed), failures: failed.load(ordering: .relaxed),
            cpuNanoseconds: cpuNanoseconds.load(ordering: .relaxed),
            elapsedNanoseconds: DispatchTime.now().uptimeNanoseconds - start)
    }
}
