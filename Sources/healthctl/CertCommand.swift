import ArgumentParser
import Certificates
import Foundation

/// `healthctl cert ...`: issue, verify and render EU Digital COVID Certificates.
struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Issue, verify, show, list and revoke EU Digital COVID Certificates (HC1); standardise names.",
        subcommands: [
            CertIssueCommand.self, CertVerifyCommand.self, CertQRCommand.self, CertListCommand.self,
            CertRevokeCommand.self, CertTransliterateCommand.self,
        ]
    )

    /// The HC1 string from the argument, or from standard input when the argument is absent or `-`.
    static func readHC1(_ argument: String?) -> String {
        let text: String
        if let argument, argument != "-" {
            text = argument
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Prints a library error for people and exits 1.
    static func fail(_ error: CertificateError) -> ExitCode {
        FileHandle.standardError.write(Data("healthctl: \(error.code): \(error.reason)\n".utf8))
        return ExitCode.failure
    }
}
