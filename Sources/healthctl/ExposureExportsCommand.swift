import ArgumentParser
import HealthServices

/// `healthctl exposure exports`: the export job, run by hand.
struct ExposureExportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exports",
        abstract: "Run the key export job.",
        subcommands: [Run.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the batches of every window ended by now (or --at), then apply the 14-day retention.")

        @OptionGroup var options: OperatorOptions

        @OptionGroup var exposure: ExposureOptions

        @Option(name: .long, help: "Run as if at this past ISO 8601 time (catching up, tests).")
        var at: String?

        func run() async throws {
            var now = WallClock.system.now()
            if let at {
                guard let time = Timestamp(iso8601: at) else {
                    throw ValidationError("--at must be an ISO 8601 time with a zone.")
                }
                // A window written before it ends would leave out the keys published in the rest of it.
                guard time <= now else {
                    throw ValidationError("--at must not be later than now: windows are written once they have ended.")
                }
                now = time
            }
            let summary = try await options.withServices(exposure: exposure.configuration) {
                try await $0.exposureExports.run(at: now)
            }
            if options.json { return try options.printJSON(summary) }
            print(
                "covered until \(Timestamp(secondsSinceEpoch: summary.coveredUntil).iso8601): \(summary.batchesWritten.count) batch(es) written with \(summary.keysExported) key(s), \(summary.batchesDeleted.count) deleted"
            )
            for name in summary.batchesWritten { print("  \(name)") }
        }
    }
}
