import ArgumentParser
import Certificates
import Foundation

/// `healthctl bench certificates`: end-to-end ES256 verification and issuance per second.
struct BenchCertificatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates",
        abstract:
            "Time end-to-end ES256 HC1 verification and issuance of realistic certificates, and of SMART Health Cards."
    )

    @Option(name: .long, help: "Seconds to run each operation.")
    var seconds: Double = 3

    @Option(name: .long, help: "Threads running each operation at once.")
    var threads: Int = 1

    @Flag(
        name: .long,
        help: """
            Print {"verifyPerSecond", "verifyWithRulesPerSecond", "issuePerSecond", "healthCardVerifyPerSecond", \
            "healthCardIssuePerSecond", "threads", "ecdsaVerifyPerSecond", "ecdsaSignPerSecond", \
            "verifyShareOfECDSA", "issueShareOfECDSA"} as JSON.
            """)
    var json = false

    func validate() throws {
        guard seconds > 0 && seconds <= 600 else { throw ValidationError("--seconds must be above 0 and at most 600") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be 1 to 1024") }
    }

    func run() throws {
        let result = try CertificateBenchmark().run(seconds: seconds, threads: threads)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(result) + Data("\n".utf8))
        } else {
            print("certificates on \(threads) thread(s), \(seconds) s each      per second   per CPU second")
            print(
                "  ES256 HC1 verify:  \(String(format: "%12.1f  %14.1f", result.verifyPerSecond, result.verifyPerCPUSecond))"
            )
            print(
                "  + BH entry rules:  \(String(format: "%12.1f  %14.1f", result.verifyWithRulesPerSecond, result.verifyWithRulesPerCPUSecond))  (\(String(format: "%.1f", 100 * result.verifyWithRulesPerCPUSecond / max(result.verifyPerCPUSecond, 1))) % of verify alone)"
            )
            print(
                "  ES256 HC1 issue:   \(String(format: "%12.1f  %14.1f", result.issuePerSecond, result.issuePerCPUSecond))"
            )
            print(
                "  SHC verify:        \(String(format: "%12.1f  %14.1f", result.healthCardVerifyPerSecond, result.healthCardVerifyPerCPUSecond))  (\(String(format: "%.1f", 100 * result.healthCardVerifyPerCPUSecond / max(result.verifyPerCPUSecond, 1))) % of HC1 verify)"
            )
            print(
                "  SHC issue:         \(String(format: "%12.1f  %14.1f", result.healthCardIssuePerSecond, result.healthCardIssuePerCPUSecond))  (\(String(format: "%.1f", 100 * result.healthCardIssuePerCPUSecond / max(result.issuePerCPUSecond, 1))) % of HC1 issue)"
            )
            print(
                "  ECDSA verify:      \(String(format: "%12.1f  %14.1f", result.ecdsaVerifyPerSecond, result.ecdsaVerifyPerCPUSecond))  (HC1 verify is \(String(format: "%.1f", 100 * result.verifyShareOfECDSA)) % of it)"
            )
            print(
                "  ECDSA sign:        \(String(format: "%12.1f  %14.1f", result.ecdsaSignPerSecond, result.ecdsaSignPerCPUSecond))  (HC1 issue is \(String(format: "%.1f", 100 * result.issueShareOfECDSA)) % of it)"
            )
            print("(per CPU second divides by the CPU time the benchmark threads used, as `openssl speed` does;")
            print(
                " ECDSA alone is EVP_PKEY_verify / EVP_PKEY_sign on a 32-byte digest, as `openssl speed ecdsap256` runs)"
            )
        }
    }
}
