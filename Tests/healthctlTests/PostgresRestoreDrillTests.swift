import Foundation
import TestSupport
import Testing

/// The runbook's PostgreSQL restore drill: a `pg_dump` of a deployment with bookings, restored by
/// `scripts/postgres-restore-drill.sh` into a fresh cluster, passes `audit verify` and is served.
@Suite struct PostgresRestoreDrillTests {
    @Test func aDumpRestoresIntoAFreshClusterWithEveryBookingAndIsServed() async throws {
        let deployment = try await TestDeployment(.postgres, slotCount: 4, capacity: 3, peopleCount: 6)
        defer { deployment.remove() }
        let server = try await deployment.server()
        for (index, person) in deployment.people.enumerated() {
            let (status, body) = try await server.send(
                "/v1/appointments", method: "POST", token: deployment.token,
                body: #"{"slotId":"\#(deployment.slots[index % 4])","personId":"\#(person)"}"#, key: "drill-\(person)")
            #expect(status == 201, "\(String(decoding: body, as: UTF8.self))")
        }
        server.terminate()

        let database = try #require(deployment.database)
        let dump = deployment.directory.appendingPathComponent("health.dump").path
        let pgDump = try await ChildProcess(
            try Self.postgresBinary("pg_dump"), ["-Fc", "-f", dump, "-d", database]
        ).run()
        #expect(pgDump.status == 0, "\(pgDump.errorText)")
        // A batch exported after the dump, which the restored database does not know.
        let exports = URL(fileURLWithPath: deployment.data).appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        try Data("batch".utf8).write(to: exports.appendingPathComponent("426-1800000000-1800003600-00001.zip"))
        let before = try Self.contents(of: deployment.data)
        let drill = try await ChildProcess(
            "/usr/bin/env",
            [
                "HEALTHCTL=\(HealthCtlProcess.executableURL.path)",
                Self.repository.appendingPathComponent("scripts/postgres-restore-drill.sh").path, dump, deployment.data,
            ]
        ).run()
        #expect(drill.status == 0, "\(drill.errorText)")
        #expect(drill.text.contains("restored appointments=6 people=6"), "\(drill.text)")
        // The drill serves a copy of the keys: the live directory (its exports mirror above all) is left as it was.
        #expect(try Self.contents(of: deployment.data) == before)
    }

    /// Every file under `directory`, by relative path, with its bytes.
    static func contents(of directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: directory)
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) ?? .init()
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A client program of the newest PostgreSQL installed, as `scripts/with-postgres.sh` picks its server.
    static func postgresBinary(_ name: String) throws -> String {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let newest = versions.compactMap(Int.init).max() else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "PostgreSQL is not installed"])
        }
        return "/usr/lib/postgresql/\(newest)/bin/\(name)"
    }
}
