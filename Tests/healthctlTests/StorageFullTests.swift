import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A full disk under a real server on SQLite: a clear, temporary refusal that saves nothing, readiness down until room
/// comes back, and an intact database once space is freed. The data directory lives on a small tmpfs the
/// test mounts (which needs root, as `make test` runs in CI).
@Suite struct StorageFullTests {
    /// A tmpfs of `megabytes` mounted on a fresh directory; unmounted by `unmount()`.
    struct SmallVolume {
        let directory: URL

        init(megabytes: Int) throws {
            guard getuid() == 0 else {
                throw CocoaError(
                    .featureUnsupported,
                    userInfo: [NSLocalizedDescriptionKey: "StorageFullTests mount a tmpfs: run the tests as root"])
            }
            directory = try HealthCtlProcess.temporaryDirectory()
            let mount = try Self.run(
                "/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", directory.path])
            guard mount == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mount failed: \(mount)"])
            }
        }

        /// Bytes still free on the volume.
        var freeBytes: Int {
            get throws {
                let attributes = try FileManager.default.attributesOfFileSystem(forPath: directory.path)
                return (attributes[.systemFreeSize] as? NSNumber)?.intValue ?? 0
            }
        }

        func unmount() {
            _ = try? Self.run("/bin/umount", ["-l", directory.path])
            try? FileManager.default.removeItem(at: directory)
        }

        private static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test(.timeLimit(.minutes(5))) func aFullDiskIsATemporaryRefusalThatSavesNothingAndRecovers() async throws {
        let volume = try SmallVolume(megabytes: 40)
        defer { volume.unmount() }
        let deployment = try await TestDeployment(
            .sqlite, slotCount: 1, capacity: 1, peopleCount: LabUploadLoadTests.peopleCount, directory: volume.directory
        )
        let created = try await deployment.json(["tokens", "create", "--role", "lab", "--name", "full-disk-lab"])
        let lab = try #require((created as? [String: Any])?["token"] as? String)
        let server = try await deployment.server()
        var isServerRunning = true
        defer { if isServerRunning { server.terminate() } }

        // All but 6 MiB of the volume taken by a file that stands for whatever else filled the disk.
        let ballast = volume.directory.appendingPathComponent("ballast")
        try Data(count: max(0, try volume.freeBytes - 6 * 1_048_576)).write(to: ballast)

        var acknowledged: Set<String> = []
        var refusedRound: Int?
        for round in 0..<40 {
            let answer = try await server.exchange(
                "/v1/lab/results", method: "POST", token: lab,
                body: LabUploadLoadTests.batch(lab: 0, round: round, people: deployment.people), timeout: 120)
            if answer.status == 200 {
                acknowledged.formUnion(Self.sampleIDs(round: round))
                continue
            }
            #expect(answer.status == 507)
            let problem = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
            #expect(problem?["code"] as? String == "storage-full")
            #expect(answer.response?.value(forHTTPHeaderField: "Retry-After") != nil)
            refusedRound = round
            break
        }
        let refused = try #require(refusedRound, "the disk filled up")
        #expect(refused > 0, "at least one batch fitted before the disk was full")

        // The last bytes taken too, once the idle checkpoint a second after the last write has given back what log
        // space it could: the server is not ready, and an operator's import from the command line, larger than the
        // refused batch, is the same refusal.
        try await Task.sleep(for: .seconds(2))
        let lastBytes = volume.directory.appendingPathComponent("last-bytes")
        try Self.fill(lastBytes)
        let notReady = try await server.send("/readyz", token: nil)
        #expect(notReady.status == 503)
        let readiness = try JSONSerialization.jsonObject(with: notReady.body) as? [String: Any]
        #expect(readiness?["code"] as? String == "storage-full")
        #expect((readiness?["detail"] as? String)?.contains("health") == true)
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UUID()).csv")
        try Data(Self.resultsCSV(rows: 2 * LabUploadLoadTests.batchSize).utf8).write(to: csv)
        defer { try? FileManager.default.removeItem(at: csv) }
        let cli = try await HealthCtlProcess.run(["results", "import", "--data", deployment.data, csv.path])
        #expect(cli.status == 3)
        #expect(cli.standardError.hasPrefix("healthctl: storage-full: "), "\(cli.standardError)")
        try FileManager.default.removeItem(at: lastBytes)

        let storedWhileFull = try await LabUploadLoadTests.storedSampleIDs(
            on: server, people: deployment.people, token: deployment.token)
        #expect(storedWhileFull == acknowledged, "every acknowledged batch stored, nothing of the refused one")

        try FileManager.default.removeItem(at: ballast)
        #expect(
            try await server.send("/readyz", token: nil).status == 200,
            "ready again once there is room, before any client writes")
        let resent = try await server.send(
            "/v1/lab/results", method: "POST", token: lab,
            body: LabUploadLoadTests.batch(lab: 0, round: refused, people: deployment.people), timeout: 120)
        #expect(resent.status == 200)
        acknowledged.formUnion(Self.sampleIDs(round: refused))
        #expect(try await server.send("/readyz", token: nil).status == 200)
        #expect(
            try await LabUploadLoadTests.storedSampleIDs(on: server, people: deployment.people, token: deployment.token)
                == acknowledged)

        server.terminate()
        isServerRunning = false
        let log = URL(fileURLWithPath: deployment.data).appendingPathComponent("health.sqlite-wal").path
        let logBytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        #expect(logBytes == 0, "a clean stop leaves no log behind")
        let check = try await HealthCtlProcess.run(["maintenance", "check", "--data", deployment.data])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("health.sqlite: ok"))
    }

    /// An import file of `rows` negative PCR results, one per person in turn.
    static func resultsCSV(rows: Int) -> String {
        let sampled = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
        return (0..<rows).reduce(into: "sample_id,national_id,test,result,sampled_at,resulted_at\n") { csv, row in
            let person = String(format: "6%08d", row % LabUploadLoadTests.peopleCount)
            csv += "CLI-\(row),\(person),pcr,negative,\(sampled),\(sampled)\n"
        }
    }

    /// Writes zeros to a new file at `url` until the file system has no room left.
    static func fill(_ url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let chunk = Data(count: 4_096)
        while (try? handle.write(contentsOf: chunk)) != nil {}
    }

    static func sampleIDs(round: Int) -> [String] {
        (0..<LabUploadLoadTests.batchSize).map { LabUploadLoadTests.sampleID(lab: 0, round: round, index: $0) }
    }
}
