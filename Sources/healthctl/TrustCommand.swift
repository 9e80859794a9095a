import ArgumentParser
import Certificates
import Foundation

/// `healthctl trust ...`: the trust list verifiers load, ours and the ones imported for border checks.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Publish our document signers as a trust list; import, list and remove other countries'.",
        subcommands: [TrustExportCommand.self, TrustImportCommand.self, TrustListCommand.self, TrustRemoveCommand.self]
    )
}
