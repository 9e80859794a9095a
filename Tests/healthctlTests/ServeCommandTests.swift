import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct ServeCommandTests {
    @Test func helpListsEveryCommandWithOneLineEach() async throws {
        let result = try await HealthCtlProcess.run(["--help"])
        #expect(result.status == 0)
        for command in ["serve", "version"] {
            #expect(result.standardOutput.contains("  \(command) "), "help lists \(command)")
        }
    }

    @Test func versionPrintsTheRelease() async throws {
        let result = try await HealthCtlProcess.run(["version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("healthctl "))
    }

    @Test func badPortIsAUsageError() async throws {
        let result = try await HealthCtlProcess.run(["serve", "--port", "70000"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--port"))
    }

    @Test func serveCreatesTheDataDirectoryAnswersProbesAndStopsOnSIGTERM() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")

        let process = Process()
        process.executableURL = HealthCtlProcess.executableURL
        process.arguments = ["serve", "--data", data.path, "--port", "0", "--log-level", "warning"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first line names the bound address: "healthctl X listening on http://127.0.0.1:PORT (data: …)".
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let match = try #require(text.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:\d+)/))
        let base = String(match.1)

        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("health.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("exposure.sqlite").path))
        for (path, expected) in [("/healthz", 200), ("/readyz", 200), ("/metrics", 200), ("/nowhere", 404)] {
            let (_, response) = try await URLSession.shared.data(from: URL(string: base + path)!)
            #expect((response as? HTTPURLResponse)?.statusCode == expected, "\(path)")
        }

        process.terminate()  // SIGTERM: graceful shutdown
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
