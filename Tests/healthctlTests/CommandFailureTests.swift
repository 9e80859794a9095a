import Foundation
import Testing

/// Every command fails the same way: one `healthctl: CODE: MESSAGE` line on standard error and an exit status
/// of the one scheme (1 refused, 2 usage, 3 could not run), run as the built binary.
@Suite struct CommandFailureTests {
    private func dataDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("healthctl-\(UUID().uuidString)").path
    }

    @Test func aRefusalOfTheServicesExitsOneWithItsCode() async throws {
        let data = dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let unknown = try await HealthCtlProcess.run([
            "appointments", "check-in", "--data", data, "--id", "apt_000000000000000000000000", "--code", "1234",
        ])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.hasPrefix("healthctl: appointment-not-found: "), "\(unknown.standardError)")
        #expect(unknown.standardError.split(separator: "\n").count == 1)
    }

    @Test func aLibraryRefusalExitsOneWithItsCode() async throws {
        let uncovered = try await HealthCtlProcess.run(["cert", "transliterate", "王秀英"])
        #expect(uncovered.status == 1)
        #expect(uncovered.standardError.hasPrefix("healthctl: name-needs-latin-form: "), "\(uncovered.standardError)")
    }

    /// A file named on the command line that cannot be read failed, whichever command reads it: exit 3, never 1
    /// (which says what was read was refused) nor 2.
    @Test func anUnreadableFileExitsThreeFromEveryCommand() async throws {
        let data = dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let missing = data + "/no-such-file"
        let commands: [[String]] = [
            ["cert", "issue", "--data", data, "--payload", missing], ["valuesets", "import", "--data", data, missing],
            ["trust", "import", "--data", data, missing], ["people", "import", "--data", data, missing],
            ["results", "import", "--data", data, missing],
            ["exposure", "keys", "trust", "--data", data, "--issuer", "other", "--kid", "k1", "--pem", missing],
            ["exposure", "inspect", missing], ["cert", "verify", "--health-card-issuers", missing, "shc:/00"],
            ["rules", "import", "--data", data, missing], ["restore", "--from", missing, "--data", data + "-restored"],
        ]
        for command in commands {
            let run = try await HealthCtlProcess.run(command)
            #expect(run.status == 3, "\(command): \(run.standardError)")
            #expect(run.standardError.hasPrefix("healthctl: file-unreadable: "), "\(command): \(run.standardError)")
            #expect(run.standardError.split(separator: "\n").count == 1, "\(command)")
        }
    }

    @Test func aWrongCommandLineExitsTwoWithTheUsage() async throws {
        let missing = try await HealthCtlProcess.run(["slots", "create", "--data", dataDirectory()])
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("healthctl: usage: "), "\(missing.standardError)")
        #expect(missing.standardError.contains("Usage: healthctl slots create"))
        // The region names export files and goes into each signed export: ASCII letters and digits only, so
        // Arabic-Indic digits are refused as a Latin letter with an accent is.
        for region in ["٤٢٦", "²½", "é"] {
            let refused = try await HealthCtlProcess.run(["serve", "--data", dataDirectory(), "--region", region])
            #expect(refused.status == 2 && refused.standardError.contains("--region must be"), "\(region)")
        }
        let samePorts = try await HealthCtlProcess.run([
            "serve", "--data", dataDirectory(), "--port", "8090", "--ops-port", "8090",
        ])
        #expect(samePorts.status == 2 && samePorts.standardError.contains("--ops-port must differ from --port"))
    }

    @Test func aDatabaseURLWithAPasswordOrAWaitOutOfRangeIsAUsageErrorAndAnUnreachableDatabaseExitsThree() async throws
    {
        let data = dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let password = try await HealthCtlProcess.run([
            "audit", "verify", "--data", data, "--database", "postgres://health:secret@127.0.0.1:5432/health",
        ])
        #expect(password.status == 2)
        #expect(
            password.standardError.contains("HEALTH_DATABASE_PASSWORD") && !password.standardError.contains("secret"))
        let missingRoot = try await HealthCtlProcess.run([
            "audit", "verify", "--data", data, "--database",
            "postgres://health@127.0.0.1:5432/health?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem",
        ])
        #expect(missingRoot.status == 2 && missingRoot.standardError.contains("sslrootcert"))
        // Port 1 on loopback: nothing listens, so the database never answers.
        let unreachable = try await HealthCtlProcess.run([
            "audit", "verify", "--data", data, "--database", "postgres://health@127.0.0.1:1/health",
        ])
        #expect(unreachable.status == 3)
        #expect(
            unreachable.standardError.hasPrefix("healthctl: database-unavailable: "), "\(unreachable.standardError)")
        for wait in ["0", "61", "soon"] {
            let outOfRange = try await HealthCtlProcess.run([
                "audit", "verify", "--data", data, "--database", "postgres://health@127.0.0.1:1/health",
                "--database-wait", wait,
            ])
            #expect(outOfRange.status == 2 && outOfRange.standardError.contains("--database-wait"))
        }
    }

    /// `maintenance check` on a path holding no databases (a mistyped one) says so and creates nothing, rather than
    /// checking two new, empty databases and answering ok.
    @Test func aMaintenanceCheckOfAPathWithoutDatabasesExitsThree() async throws {
        let data = dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try await HealthCtlProcess.run(["maintenance", "check", "--data", data])
        #expect(result.status == 3)
        #expect(result.standardError.hasPrefix("healthctl: file-unreadable: "), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: data + "/health.sqlite"))
    }

    /// A data directory without keys beside databases that hold records (on PostgreSQL, `--data` left off or
    /// mistyped; on SQLite, keys lost) exits 3 and makes no keys: new ones would sign certificates no verifier trusts
    /// and seal codes the servers cannot read.
    @Test(arguments: TestDeployment.Backend.allCases) func noKeysBesideRecordsExitsThree(
        backend: TestDeployment.Backend
    ) async throws {
        let deployment = try await TestDeployment(backend, slotCount: 1, capacity: 1, peopleCount: 1)
        defer { deployment.remove() }
        let data: String
        if let database = deployment.database {
            data = deployment.directory.appendingPathComponent("elsewhere").path
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let run = try await HealthCtlProcess.run(["people", "list", "--data", data, "--database", database])
            #expect(run.status == 3 && run.standardError.hasPrefix("healthctl: keys-missing: "), "\(run.standardError)")
        } else {
            data = deployment.data
            try FileManager.default.removeItem(atPath: data + "/keys")
            let run = try await HealthCtlProcess.run(["people", "list", "--data", data])
            #expect(run.status == 3 && run.standardError.hasPrefix("healthctl: keys-missing: "), "\(run.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: data + "/keys"))
    }

    @Test func aDataDirectoryThatCannotBeOpenedExitsThree() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("healthctl-\(UUID().uuidString)")
        try Data("not a directory".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await HealthCtlProcess.run(["audit", "verify", "--data", file.path])
        #expect(result.status == 3)
        #expect(result.standardError.hasPrefix("healthctl: failed: "), "\(result.standardError)")
    }

    @Test func helpDocumentsTheExitStatuses() async throws {
        let help = try await HealthCtlProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Exit status: 0 done; 1 refused"))
    }
}
