import ArgumentParser
import Certificates
import ContactTracing
import Foundation
import HealthSQLite
import HealthServices

/// How every healthctl command ends when it fails: one line on standard error, `healthctl: CODE: MESSAGE`, and an
/// exit status from one scheme (see ``HealthCtl/exitStatuses``).
struct CommandFailure {
    /// The exit statuses, for scripts.
    enum Status: Int32 {
        /// The command ran and the answer is no: a rule refused the change, a certificate or the audit chain
        /// failed its check, an import had bad rows.
        case refused = 1
        /// The command line is wrong: an unknown option, a missing or malformed value.
        case usage = 2
        /// The command could not run: the data directory, a file or the database failed.
        case failed = 3
    }

    /// A command's own "no", which no error of the libraries names: exits 1 with `code`.
    struct Refusal: Error {
        let code: String
        let message: String

        init(_ code: String, _ message: String) {
            self.code = code
            self.message = message
        }
    }

    let code: String
    let message: String
    let status: Status

    /// What `error` means for the operator, with its stable code where the error has one.
    init(_ error: any Error) {
        switch error {
        case let error as ServiceError: self.init(error.code.rawValue, error.detail, .refused)
        case let error as CertificateError: self.init(error.code.rawValue, error.reason, .refused)
        case let error as ContactTracingError: self.init("\(error.code)", error.reason, .refused)
        case let error as StoreError: self.init(error.code.rawValue, error.message, .failed)
        case let error as BackupError: self.init(error.code.rawValue, error.message, .refused)
        case let error as Refusal: self.init(error.code, error.message, .refused)
        case let error as ValidationError: self.init("usage", error.message, .usage)
        case let error as InputFile.Unreadable: self.init("file-unreadable", error.message, .failed)
        case let error as DataDirectoryOptions.KeysMissing: self.init("keys-missing", error.message, .failed)
        default: self.init("failed", error.localizedDescription, .failed)
        }
    }

    private init(_ code: String, _ message: String, _ status: Status) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// Prints the failure and exits with its status.
    func exit() -> Never {
        FileHandle.standardError.write(Data("healthctl: \(code): \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }

    /// Ends the process for an error that escaped a command: help and version requests as ArgumentParser prints
    /// them, a command's own exit status as it is, a usage error found while parsing with the command's usage
    /// text, anything else (a usage error found while running, such as a file that cannot be read, included) in
    /// the one failure format.
    static func exit(for error: any Error) -> Never {
        if let exitCode = error as? ExitCode { Foundation.exit(exitCode.rawValue) }
        // Thrown by `run()`, outside the parser, whose usage text would be the root command's.
        if error is ValidationError { CommandFailure(error).exit() }
        switch HealthCtl.exitCode(for: error) {
        case .success:
            HealthCtl.exit(withError: error)
        case .validationFailure:
            let usage = HealthCtl.fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
                .drop { $0.hasPrefix("Error:") }.joined(separator: "\n")
            FileHandle.standardError.write(
                Data("healthctl: usage: \(HealthCtl.message(for: error))\n\(usage)\n".utf8))
            Foundation.exit(Status.usage.rawValue)
        default:
            CommandFailure(error).exit()
        }
    }
}
