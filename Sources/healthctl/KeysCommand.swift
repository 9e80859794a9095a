import ArgumentParser
import Certificates
import CryptoCore
import Foundation

/// `healthctl keys ...`: the certificate signing keys kept in the data directory.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the certificate signing keys (CSCA and DSC).",
        subcommands: [
            KeysInitCommand.self, KeysRotateCommand.self, KeysListCommand.self, KeysWithdrawCommand.self,
            KeysRotateCSCACommand.self, KeysRotateHealthCardCommand.self,
        ]
    )
}
