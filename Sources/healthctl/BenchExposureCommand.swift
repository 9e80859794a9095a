import ArgumentParser
import ContactTracing
import Foundation

/// `healthctl bench exposure`: diagnosis keys matched per second against observed RPIs.
struct BenchExposureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "Time matching random diagnosis keys against observed RPIs with planted matches (keys per second)."
    )

    @Option(name: .long, help: "Diagnosis keys to generate and match.")
    var keys = 1_000_000

    @Option(name: .long, help: "Observed RPIs (sightings) to match against.")
    var sightings = 50_000

    @Option(name: .long, help: "Concurrent matching tasks (default: one per core).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Flag(
        name: .long,
        help: """
            Print {"keysPerSecond", "matches", "planted", "threads", "keysPerCPUSecond", \
            "derivationKeysPerCPUSecond", "aesKeysPerCPUSecond"} as JSON.
            """)
    var json = false

    /// The `--json` object.
    struct Output: Encodable {
        let keysPerSecond: Int
        let matches: Int
        let planted: Int
        let threads: Int
        let keysPerCPUSecond: Int
        let derivationKeysPerCPUSecond: Int
        let aesKeysPerCPUSecond: Int
    }

    func validate() throws {
        guard (1...100_000_000).contains(keys) else { throw ValidationError("--keys must be 1 to 100000000") }
        guard (1...10_000_000).contains(sightings) else { throw ValidationError("--sightings must be 1 to 10000000") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be 1 to 1024") }
    }

    func run() async throws {
        let planted = min(100, keys, sightings)
        let benchmark: ExposureBenchmark
        benchmark = try ExposureBenchmark(keyCount: keys, sightingCount: sightings, plantedCount: planted)
        let result = try await benchmark.run(threads: threads)
        if json {
            let output = Output(
                keysPerSecond: Int(result.keysPerSecond.rounded()), matches: result.matches, planted: result.planted,
                threads: result.threads, keysPerCPUSecond: Int(result.keysPerCPUSecond.rounded()),
                derivationKeysPerCPUSecond: Int(result.derivationKeysPerCPUSecond.rounded()),
                aesKeysPerCPUSecond: Int(result.aesKeysPerCPUSecond.rounded()))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            ExposureCommand.write(try encoder.encode(output))
        } else {
            print(
                "exposure matching, \(result.keys) keys against \(result.sightings) sightings on \(result.threads) thread(s):"
            )
            print(
                "  \(String(format: "%12.0f", result.keysPerSecond)) keys/s (\(String(format: "%.3f", result.seconds)) s)"
            )
            print(
                "  \(String(format: "%12.0f", result.keysPerCPUSecond)) keys per CPU second (\(String(format: "%.3f", result.cpuSeconds)) s of CPU)"
            )
            print("  limits, one thread, the same keys:")
            print(
                "  \(String(format: "%12.0f", result.derivationKeysPerCPUSecond)) keys per CPU second deriving RPIs alone (HKDF, AES re-key, AES); the scan is \(String(format: "%.1f", 100 * result.keysPerCPUSecond / result.derivationKeysPerCPUSecond)) % of it"
            )
            print(
                "  \(String(format: "%12.0f", result.aesKeysPerCPUSecond)) keys per CPU second of AES alone (144 blocks, one key); the scan is \(String(format: "%.1f", 100 * result.keysPerCPUSecond / result.aesKeysPerCPUSecond)) % of it"
            )
            print(
                "  planted \(result.planted), matches \(result.matches), all planted found: \(result.foundAllPlanted ? "yes" : "NO")"
            )
        }
        if !result.foundAllPlanted {
            throw CommandFailure.Refusal("planted-match-missed", "a planted match was not found")
        }
    }
}
