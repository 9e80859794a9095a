import ArgumentParser
import Certificates
import Foundation

/// `healthctl trust ...`: the trust list verifiers load.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Publish this issuer's document signers as a trust list.",
        subcommands: [TrustExportCommand.self]
    )
}
