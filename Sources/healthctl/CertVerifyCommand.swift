import ArgumentParser
import Certificates
import Foundation
import HealthServices
import Logging

/// `healthctl cert verify`: checks one HC1 string or SMART Health Card offline against trust lists (or trusted card
/// issuers), the EU value sets and the entry rules of the country being entered. Exit status: 0 valid, 1 invalid or
/// not valid for entry, 2 usage error.
struct CertVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Verify an HC1 certificate or a shc:/ SMART Health Card against trust lists and entry rules (exit 0 valid, 1 invalid or not valid for entry, 2 usage error)."
    )

    @Option(name: .long, help: "A trust list: DCC gateway JSON, PEM or DER certificates. Repeatable.")
    var trust: [String] = []

    @Option(
        name: .long,
        help: "A revocation list: DCC gateway revocation batch JSON, one batch or an array of them. Repeatable.")
    var revocation: [String] = []

    @Option(
        name: .long,
        help:
            "Trusted SMART Health Cards issuers: a directory snapshot {directory, keys, crls}, as trust import reads it. Repeatable."
    )
    var healthCardIssuers: [String] = []

    @Option(
        name: .long, help: "Verify as of this ISO 8601 instant (default: now).",
        transform: { text in
            guard let instant = ISO8601.parse(text) else {
                throw ValidationError("--at \(text) is not an ISO 8601 instant")
            }
            return instant
        })
    var at: Date?

    @Option(
        name: .long,
        help: "Check against a data directory's stored lists: our and imported signers, revocations, value sets, rules."
    )
    var data: String?

    @Option(name: .long, help: "Check against a PostgreSQL database's stored lists (postgres://USER@HOST:PORT/DB).")
    var database: String?

    @Option(name: .long, help: "The country being entered, whose entry rules apply.")
    var country = "BH"

    @Option(name: .long, help: "The language of the rules' descriptions (ISO 639-1; English where a rule lacks it).")
    var language = "en"

    @Flag(name: .long, help: "Print the result as one JSON object.")
    var json = false

    @Argument(
        help:
            "The HC1 string or shc:/ text, or - (or nothing) to read it from standard input (a card's chunks one per line)."
    )
    var hc1: String?

    func validate() throws {
        guard !trust.isEmpty || !healthCardIssuers.isEmpty || data != nil || database != nil else {
            throw ValidationError(
                "at least one --trust FILE or --health-card-issuers FILE, or --data DIR or --database URL, is required")
        }
        guard CountryCode.isAlpha2(country) else {
            throw ValidationError("--country \(country) is not an ISO 3166 alpha-2 code in capitals")
        }
    }

    func run() async throws {
        let stored = data != nil || database != nil
        let date = at ?? Date()
        let input = CertCommand.readHC1(hc1)
        if HealthCardVerifier.isHealthCard(input) {
            return try await verifyHealthCard(input, at: date)
        }
        var trustList = TrustList()
        for path in trust {
            let data = try InputFile.read(path, option: "--trust")
            do {
                trustList.add(contentsOf: try TrustList(data: Array(data)))
            } catch let error as CertificateError {
                throw ValidationError("--trust \(path): \(error.reason)")
            }
        }
        var revocationList = revocation.isEmpty && !stored ? nil : RevocationList()
        for path in revocation {
            let data = try InputFile.read(path, option: "--revocation")
            do {
                revocationList?.add(contentsOf: try RevocationList(jsonData: Array(data)))
            } catch {
                throw ValidationError("--revocation \(path): \(error.reason)")
            }
        }
        var valueSets = ValueSets.european
        var rules = EntryRules.defaults
        var home: String?
        if stored {
            let (lists, revoked, ours) = try await storedLists(at: date)
            trustList.add(contentsOf: lists.trustList)
            revocationList?.add(contentsOf: revoked)
            valueSets = lists.valueSets
            rules = lists.rules
            home = ours
        }
        var verifier = CertificateVerifier(trustList: trustList, revocationList: revocationList, valueSets: valueSets)
        verifier.entryRules = try entryRuleCheck(rules: rules, valueSets: valueSets, home: home)
        let result = verifier.verify(input, at: date)
        try report(try result.jsonData(), summary: Self.summary(result), verdict: result.verdict)
    }

    /// The data directory's or database's lists, as the server's `POST /v1/verify` uses them, and our country.
    func storedLists(at date: Date) async throws -> (BorderLists, RevocationList, String) {
        try await withStoredServices { services in
            (
                try await services.borderLists.current(), try await services.certificates.revocationList(at: date),
                services.certificates.country
            )
        }
    }

    /// The entry rules of `--country`. Another country than ours (`home`, known from stored lists) without
    /// acceptance rules is refused as the server refuses it: the certificate would be told valid for entry there
    /// with nothing checked.
    func entryRuleCheck(rules: EntryRules, valueSets: ValueSets, home: String?) throws -> EntryRuleCheck {
        guard country == home || rules.holdsAcceptanceRules(of: country) else {
            throw CommandFailure.Refusal(
                "unknown-destination", "no entry rules of \(country) are held, so entry there cannot be checked")
        }
        return EntryRuleCheck(rules: rules, valueSets: valueSets, destination: country, language: language)
    }

    /// Runs `body` with the services of `--data` or `--database`, logging only errors.
    func withStoredServices<T>(_ body: (HealthServiceSet) async throws -> T) async throws -> T {
        var options = DataDirectoryOptions()
        options.data = data ?? options.data
        options.database = database
        var logger = Logger(label: "healthctl")
        logger.logLevel = .error
        return try await options.withServices(logger: logger, body)
    }

    /// Prints the result as one JSON object or as `summary`; fails (exit 1) unless the verdict is valid.
    func report(_ json: Data, summary: @autoclosure () -> String, verdict: VerificationResult.Verdict) throws {
        if self.json {
            FileHandle.standardOutput.write(json + Data("\n".utf8))
        } else {
            print(summary())
        }
        if verdict != .valid { throw ExitCode.failure }
    }

    /// A few lines for people at a border desk.
    static func summary(_ result: VerificationResult) -> String {
        let kind =
            switch result.type {
            case .vaccination: "vaccination"
            case .test: "test"
            case .recovery: "recovery"
            case nil: "unknown-type"
            }
        var lines: [String] = []
        switch result.verdict {
        case .valid:
            lines.append("VALID \(kind) certificate issued by \(result.country ?? "?")")
        case .notValidForEntry:
            lines.append("NOT VALID FOR ENTRY: \(kind) certificate issued by \(result.country ?? "?")")
        case .invalid:
            lines.append("INVALID: \(result.error.map { "\($0.code) (\($0.reason))" } ?? "not verified")")
        }
        for rule in result.rules where !rule.passed {
            lines.append(
                "  rule:    \(rule.identifier) FAILED: \(rule.description)\(rule.error.map { " (\($0))" } ?? "")")
        }
        if let name = result.healthCertificate?.json["nam"] {
            let family = name["fnt"]?.stringValue ?? name["fn"]?.stringValue ?? ""
            let given = name["gnt"]?.stringValue ?? name["gn"]?.stringValue ?? ""
            let birth = result.healthCertificate?.json["dob"]?.stringValue ?? ""
            lines.append("  holder:  \(family), \(given)  born \(birth)")
        }
        if let issuedAt = result.issuedAt, let expiresAt = result.expiresAt {
            lines.append("  valid:   \(ISO8601.format(issuedAt)) to \(ISO8601.format(expiresAt))")
        }
        if let kid = result.keyID { lines.append("  kid:     \(Data(kid).base64EncodedString())") }
        let checks = result.checks
        let steps: [(String, Bool?)] = [
            ("prefix", checks.prefix), ("base45", checks.base45), ("decompress", checks.decompress),
            ("cose", checks.cose),
            ("kid", checks.kid), ("signature", checks.signature), ("expiry", checks.expiry),
            ("keyUsage", checks.keyUsage), ("schema", checks.schema), ("valueSets", checks.valueSets),
            ("revocation", checks.revocation),
        ]
        lines.append(
            "  checks:  "
                + steps.map { "\($0.0)=\($0.1.map { $0 ? "ok" : "FAILED" } ?? "not-run")" }.joined(separator: " "))
        return lines.joined(separator: "\n")
    }
}
