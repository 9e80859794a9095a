import ArgumentParser
import Foundation

/// The entry point: ArgumentParser's, except that a usage error of `cert verify` exits with status 2, as that
/// command's scripting contract states (ArgumentParser's own usage status is 64).
extension HealthCtl {
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if CertVerifyCommand.isInvocation(CommandLine.arguments.dropFirst()),
                exitCode(for: error) == .validationFailure
            {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(CertVerifyCommand.usageExitCode.rawValue)
            }
            exit(withError: error)
        }
    }
}
