import ArgumentParser
import ContactTracing
import Foundation

/// `healthctl exposure ...`: exposure-notification crypto, matching and key export files.
struct ExposureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract:
            "Derive GAEN identifiers, match sightings, write and inspect key exports; run the key server's codes, keys, exports and statistics.",
        subcommands: [
            ExposureDeriveCommand.self, ExposureMatchCommand.self, ExposureExportCommand.self,
            ExposureInspectCommand.self, ExposureCodesCommand.self, ExposureKeysCommand.self,
            ExposureExportsCommand.self, ExposureStatsCommand.self,
        ]
    )

    /// Writes JSON (or text) and a newline to standard output.
    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
