import ArgumentParser
import ContactTracing
import CryptoCore
import Foundation
import HealthServices
import Logging
import NIOCore
import Synchronization

/// `healthctl bench exposure-server`: full key uploads per second over HTTP and the time to export them.
struct BenchExposureServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure-server",
        abstract:
            "Run the key server on loopback in a scratch data directory: time full uploads (verify, certificate, publish of 14 keys) by concurrent phones over HTTP, then the export of every key published."
    )

    @Option(name: .long, help: "Full uploads to make; 7143 uploads of 14 keys publish 100,002 keys.")
    var uploads = 7_143

    @Option(name: .long, help: "Concurrent phones, each on its own keep-alive connection.")
    var phones = 64

    @Flag(
        name: .long,
        help:
            "Print {uploadsPerSecond, cpuMillisecondsPerUpload, uploads, failures, phones, exportSeconds, keysExported} as JSON."
    )
    var json = false

    struct Output: Encodable {
        let uploadsPerSecond: Int
        /// The process's CPU time (user and system, server and phones together) during the uploads, per upload.
        let cpuMillisecondsPerUpload: Double
        let uploads: Int
        let failures: Int
        let phones: Int
        let exportSeconds: Double
        let keysExported: Int
    }

    func validate() throws {
        guard (1...1_000_000).contains(uploads) else { throw ValidationError("--uploads must be 1 to 1000000") }
        guard (1...1024).contains(phones) else { throw ValidationError("--phones must be 1 to 1024") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-keyserver-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try DataDirectoryOptions.parse(["--data", directory.path])
        let (uploadSeconds, cpuSeconds, exportSeconds, summary, failures) = try await storage.withServices(
            logger: Logger(label: "bench")
        ) { services in
            let plans = try await BenchUploadPlan.make(count: uploads, issuingWith: services.exposureVerification)
            let progress = BenchProgress()
            let (uploadSeconds, cpuSeconds) = try await BenchServer.run(services: services, data: directory.path) {
                port in
                let start = ContinuousClock.now
                let cpuStart = ProcessCPUTime.now()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<min(phones, uploads) {
                        group.addTask {
                            try await BenchHTTPConnection(host: "127.0.0.1", port: port).run { send in
                                while case let index = progress.next.add(1, ordering: .relaxed).oldValue,
                                    index < plans.count
                                {
                                    if try await !plans[index].upload(send) {
                                        progress.failures.add(1, ordering: .relaxed)
                                    }
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                return ((ContinuousClock.now - start).seconds, ProcessCPUTime.now() - cpuStart)
            }
            let exportStart = ContinuousClock.now
            // Late enough for the newest keys, which ended by now: their embargo, then the window it ends in.
            let exports = services.exposureExports
            let summary = try await exports.run(
                at: WallClock.system.now().adding(
                    seconds: KeyPublication.embargoSeconds + exports.configuration.exportIntervalSeconds))
            return (
                uploadSeconds, cpuSeconds, (ContinuousClock.now - exportStart).seconds, summary,
                progress.failures.load(ordering: .relaxed)
            )
        }
        let output = Output(
            uploadsPerSecond: Int((Double(uploads) / uploadSeconds).rounded()),
            cpuMillisecondsPerUpload: (cpuSeconds * 1000 / Double(uploads) * 1000).rounded() / 1000, uploads: uploads,
            failures: failures, phones: phones,
            exportSeconds: (exportSeconds * 1000).rounded() / 1000, keysExported: summary.keysExported)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            ExposureCommand.write(try encoder.encode(output))
        } else {
            print("key server, \(uploads) full uploads of 14 keys by \(phones) phones over HTTP")
            print("(each phone's code, keys and HMAC made before the timing starts):")
            print(
                "  \(String(format: "%10.0f", Double(uploads) / uploadSeconds)) uploads/s (\(String(format: "%.2f", uploadSeconds)) s, \(output.failures) failed)"
            )
            print(
                "  \(String(format: "%10.3f", output.cpuMillisecondsPerUpload)) ms of CPU per upload (server and phones together)"
            )
            print(
                "  export of \(summary.keysExported) keys in \(summary.batchesWritten.count) batch(es): \(String(format: "%.3f", exportSeconds)) s"
            )
        }
        if output.failures > 0 { throw ExitCode.failure }
    }
}

/// Which upload the phones take next, and how many failed, shared by every phone's task.
final class BenchProgress: Sendable {
    let next = Atomic<Int>(0)
    let failures = Atomic<Int>(0)
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
