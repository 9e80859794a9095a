import ArgumentParser
import Certificates
import Foundation

/// `healthctl cert verify`: checks one HC1 string offline against trust lists.
/// Exit status: 0 valid, 1 invalid, 2 usage error.
struct CertVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an HC1 certificate against trust lists (exit 0 valid, 1 invalid, 2 usage error)."
    )

    @Option(name: .long, help: "A trust list: DCC gateway JSON, PEM or DER certificates. Repeatable.")
    var trust: [String] = []

    @Option(
        name: .long,
        help: "A revocation list: DCC gateway revocation batch JSON, one batch or an array of them. Repeatable.")
    var revocation: [String] = []

    @Option(name: .long, help: "Verify as of this ISO 8601 instant (default: now).")
    var at: String?

    @Flag(name: .long, help: "Print the result as one JSON object.")
    var json = false

    @Argument(help: "The HC1 string, or - (or nothing) to read it from standard input.")
    var hc1: String?

    static func usageError(_ message: String) -> ExitCode {
        FileHandle.standardError.write(
            Data(
                "healthctl: usage: \(message)\nUsage: healthctl cert verify --trust FILE [--trust FILE ...] [--revocation FILE ...] [--at ISO8601] [--json] [HC1 | -]\n"
                    .utf8))
        return ExitCode(CommandFailure.Status.usage.rawValue)
    }

    func run() throws {
        guard !trust.isEmpty else { throw Self.usageError("at least one --trust FILE is required") }
        var date = Date()
        if let at {
            guard let parsed = ISO8601.parse(at) else { throw Self.usageError("--at \(at) is not an ISO 8601 instant") }
            date = parsed
        }
        var trustList = TrustList()
        for path in trust {
            do {
                trustList.add(contentsOf: try TrustList(contentsOf: URL(fileURLWithPath: path)))
            } catch let error as CertificateError {
                throw Self.usageError("--trust \(path): \(error.reason)")
            }
        }
        var revocationList = revocation.isEmpty ? nil : RevocationList()
        for path in revocation {
            do {
                revocationList?.add(contentsOf: try RevocationList(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw Self.usageError("--revocation \(path): \(error.reason)")
            }
        }
        let verifier = CertificateVerifier(trustList: trustList, revocationList: revocationList)
        let result = verifier.verify(CertCommand.readHC1(hc1), at: date)
        if json {
            FileHandle.standardOutput.write(try result.jsonData() + Data("\n".utf8))
        } else {
            print(Self.summary(result))
        }
        if !result.isValid { throw ExitCode.failure }
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
        if result.isValid {
            lines.append("VALID \(kind) certificate issued by \(result.country ?? "?")")
        } else {
            lines.append("INVALID: \(result.error.map { "\($0.code) (\($0.reason))" } ?? "not verified")")
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
            ("keyUsage", checks.keyUsage), ("schema", checks.schema), ("revocation", checks.revocation),
        ]
        lines.append(
            "  checks:  "
                + steps.map { "\($0.0)=\($0.1.map { $0 ? "ok" : "FAILED" } ?? "not-run")" }.joined(separator: " "))
        return lines.joined(separator: "\n")
    }
}
