import ArgumentParser
import Certificates
import Foundation
import HealthServices

/// `cert verify` of a SMART Health Card: the issuers of `--health-card-issuers` files and, with `--data` or
/// `--database`, ours and the imported ones, then the same entry rules as a DCC.
extension CertVerifyCommand {
    func verifyHealthCard(_ input: String, at date: Date) async throws {
        var issuers: [TrustedHealthCardIssuer] = []
        for path in healthCardIssuers {
            let data = try InputFile.read(path, option: "--health-card-issuers")
            do {
                issuers += try HealthCardIssuerImport(snapshot: data).issuers
            } catch {
                throw ValidationError("--health-card-issuers \(path): \(error.reason)")
            }
        }
        var valueSets = ValueSets.european
        var rules = EntryRules.defaults
        var home: String?
        if data != nil || database != nil {
            let (lists, stored, ours) = try await storedHealthCardLists()
            issuers += stored.issuers
            valueSets = lists.valueSets
            rules = lists.rules
            home = ours
        }
        var verifier = HealthCardVerifier(issuers: HealthCardIssuerList(issuers))
        verifier.entryRules = try entryRuleCheck(rules: rules, valueSets: valueSets, home: home)
        let chunks = input.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let result = verifier.verify(chunks, at: date)
        try report(try result.jsonData(), summary: Self.summary(result), verdict: result.verdict)
    }

    /// The stored lists and every trusted card issuer, ours included, as `POST /v1/verify` uses them, and our
    /// country.
    func storedHealthCardLists() async throws -> (BorderLists, HealthCardIssuerList, String) {
        try await withStoredServices { services in
            (
                try await services.borderLists.current(), try await services.certificates.healthCardIssuers(),
                services.certificates.country
            )
        }
    }

    /// A few lines for people at a border desk.
    static func summary(_ result: HealthCardVerification) -> String {
        let kind =
            result.healthCertificate?.type == .vaccination
            ? "vaccination" : result.healthCertificate?.type == .test ? "test" : "other"
        var lines: [String] = []
        let issuer = result.issuerName ?? result.issuerURL ?? "?"
        switch result.verdict {
        case .valid: lines.append("VALID SMART Health Card (\(kind)) issued by \(issuer)")
        case .notValidForEntry: lines.append("NOT VALID FOR ENTRY: SMART Health Card (\(kind)) issued by \(issuer)")
        case .invalid: lines.append("INVALID: \(result.error.map { "\($0.code) (\($0.reason))" } ?? "not verified")")
        }
        for rule in result.rules where !rule.passed {
            lines.append(
                "  rule:    \(rule.identifier) FAILED: \(rule.description)\(rule.error.map { " (\($0))" } ?? "")")
        }
        if let payload = result.healthCertificate?.json, let name = payload["nam"] {
            let family = name["fn"]?.stringValue ?? ""
            let given = name["gn"]?.stringValue ?? ""
            lines.append("  holder:  \(family), \(given)  born \(payload["dob"]?.stringValue ?? "")")
        }
        if let kid = result.keyID { lines.append("  kid:     \(kid)") }
        let checks = result.checks
        let steps: [(String, Bool?)] = [
            ("prefix", checks.prefix), ("numeric", checks.numeric), ("chunks", checks.chunks),
            ("inflate", checks.inflate), ("jws", checks.jws), ("kid", checks.kid), ("signature", checks.signature),
            ("issuer", checks.issuer), ("nbf", checks.nbf), ("revocation", checks.revocation), ("fhir", checks.fhir),
        ]
        lines.append(
            "  checks:  "
                + steps.map { "\($0.0)=\($0.1.map { $0 ? "ok" : "FAILED" } ?? "not-run")" }.joined(separator: " "))
        return lines.joined(separator: "\n")
    }
}
