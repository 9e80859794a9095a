import ArgumentParser
import CryptoCore
import Foundation
import HealthServices
import Logging
import NIOCore
import NIOHTTP1

/// `healthctl bench exposure-chaff`: whether the time of an answer tells a real upload call from chaff.
struct BenchExposureChaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure-chaff",
        abstract:
            "Run the key server on loopback in a scratch data directory and time real and chaff calls of verify, certificate and publish, interleaved at random: their median and p90, and how often the best single latency threshold tells them apart."
    )

    /// Real and chaff calls per route sent first and not timed, so the chaff pacer has real times to draw from, as
    /// in a server that has been running.
    static let warmupCalls = 100

    @Option(name: .long, help: "Real calls per route, and as many chaff calls, timed (after 100 of each untimed).")
    var calls = 1_000

    @Flag(
        name: .long,
        help:
            "Print {calls, failures, routes: [{route, realMedianMilliseconds, realP90Milliseconds, chaffMedianMilliseconds, chaffP90Milliseconds, classifierAccuracy, classifierThresholdMilliseconds, classifierRealIsSlower}]} as JSON."
    )
    var json = false

    struct Output: Encodable {
        let calls: Int
        let failures: Int
        let routes: [BenchChaffRoute.Summary]
    }

    func validate() throws {
        guard (1...100_000).contains(calls) else { throw ValidationError("--calls must be 1 to 100000") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-chaff-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try DataDirectoryOptions.parse(["--data", directory.path])
        let routes = try await storage.withServices(logger: Logger(label: "bench")) { services in
            let plans = try await BenchUploadPlan.make(
                count: Self.warmupCalls + calls, issuingWith: services.exposureVerification)
            return try await BenchServer.run(services: services, data: directory.path) { port in
                try await BenchHTTPConnection(host: "127.0.0.1", port: port).run { send in
                    try await Self.measure(plans, warmup: Self.warmupCalls, send: send)
                }
            }
        }
        let output = Output(calls: calls, failures: routes.map(\.failures).reduce(0, +), routes: routes.map(\.summary))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            ExposureCommand.write(try encoder.encode(output))
        } else {
            print("key server chaff: \(calls) real and \(calls) chaff calls per route, in a random order on one")
            print("loopback connection (after \(Self.warmupCalls) of each untimed), latencies in ms:")
            var table = TextTable(
                "route", "real median", "real p90", "chaff median", "chaff p90", "best threshold", "accuracy")
            for route in output.routes {
                let rule = (route.classifierRealIsSlower ? "real > " : "real < ")
                table.add(
                    route.route, Self.milliseconds(route.realMedianMilliseconds),
                    Self.milliseconds(route.realP90Milliseconds), Self.milliseconds(route.chaffMedianMilliseconds),
                    Self.milliseconds(route.chaffP90Milliseconds),
                    rule + Self.milliseconds(route.classifierThresholdMilliseconds),
                    String(format: "%.1f %%", route.classifierAccuracy * 100))
            }
            table.print()
            print("(accuracy: the best single-threshold classifier's, 50 % when latency tells nothing)")
            print("\(output.failures) calls failed")
        }
        if output.failures > 0 { throw ExitCode.failure }
    }

    /// Verify with each plan's code, then certificate with the tokens verify answered, then publish with the
    /// certificates; chaff bodies have the real ones' shape, with random codes, tokens and certificates.
    static func measure(
        _ plans: [BenchUploadPlan], warmup: Int,
        send: (HTTPMethod, String, [(String, String)], ByteBuffer?) async throws -> BenchHTTPConnection.Answer
    ) async throws -> [BenchChaffRoute] {
        let verify = try await BenchChaffRoute(
            "/v1/exposure/verify", real: plans.map(\.verifyBody),
            chaff: plans.map { _ in #"{"code":"\#(String(format: "%010d", Int.random(in: 0..<10_000_000_000)))"}"# },
            warmup: warmup, send: send)
        let tokens = verify.answers.map { $0.flatMap { BenchUploadPlan.field(\.token, in: $0) } ?? "" }
        let certificate = try await BenchChaffRoute(
            "/v1/exposure/certificate", real: zip(plans, tokens).map { $0.certificateBody($1) },
            chaff: plans.map { $0.certificateBody(ExposureSecret.make()) }, warmup: warmup, send: send)
        let certificates = certificate.answers.map { $0.flatMap { BenchUploadPlan.field(\.certificate, in: $0) } ?? "" }
        let publish = try await BenchChaffRoute(
            "/v1/exposure/publish", real: zip(plans, certificates).map { $0.publishBody($1) },
            chaff: plans.map { $0.publishBody(randomCertificate()) }, warmup: warmup, send: send)
        return [verify, certificate, publish]
    }

    /// Random base64url in a certificate's three-part form and about its length.
    static func randomCertificate() -> String {
        [27, 217, 64].map { count in
            Data(SecureRandom.bytes(count: count)).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }.joined(separator: ".")
    }

    private static func milliseconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
