import Foundation
import TestSupport
import Testing

/// `healthctl keys rotate` and `keys list` against a running server sharing the data directory.
@Suite struct KeyRotationCommandTests {
    @Test func aServerSignsWithARotatedDSCAndItsListKeepsTheOldOne() async throws {
        let issued = try await CertificateCommandTests.Issued()
        defer { try? FileManager.default.removeItem(at: issued.directory) }
        let server = try await ServerProcess.start(data: issued.data)
        defer { server.terminate() }
        let oldKid = try await Self.trustListKids(server)
        #expect(oldKid.count == 1)

        let rotate = try await HealthCtlProcess.run(["keys", "rotate", "--data", issued.data, "--json"])
        #expect(rotate.status == 0, "\(rotate.standardError)")
        let rotated = try #require(
            try JSONSerialization.jsonObject(with: Data(rotate.standardOutput.utf8)) as? [String: Any])
        let newKid = try #require(rotated["kid"] as? String)
        #expect(rotated["state"] as? String == "active" && rotated["number"] as? Int == 2)

        // The server looks for new DSC files every 10 seconds.
        var kids = try await Self.trustListKids(server)
        for _ in 0..<30 where kids.count < 2 {
            try await Task.sleep(for: .seconds(1))
            kids = try await Self.trustListKids(server)
        }
        #expect(kids == oldKid + [newKid])

        let list = try await HealthCtlProcess.run(["keys", "list", "--data", issued.data, "--json"])
        let signers = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any])?[
                "documentSigners"] as? [[String: Any]])
        #expect(signers.compactMap { $0["state"] as? String } == ["retiring", "active"])
        #expect(signers.first?["stateUntil"] as? String == signers.first?["notAfter"] as? String)

        let trust = issued.directory.appendingPathComponent("trust-after.json").path
        #expect(try await HealthCtlProcess.run(["trust", "export", "--data", issued.data, "--out", trust]).status == 0)
        let payload = issued.directory.appendingPathComponent("payload.json").path
        let after = try await HealthCtlProcess.run(["cert", "issue", "--data", issued.data, "--payload", payload])
        for (hc1, kid) in [(issued.hc1, oldKid[0]), (after.standardOutput, newKid)] {
            let verified = try await HealthCtlProcess.run(
                ["cert", "verify", "--trust", trust, "--json", "-"], input: hc1)
            let result = try JSONSerialization.jsonObject(with: Data(verified.standardOutput.utf8)) as? [String: Any]
            #expect(verified.status == 0 && result?["kid"] as? String == kid)
        }
    }

    @Test func aNewCSCAIsListedExportedAndCertifiesTheNextDSC() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try await HealthCtlProcess.run(["keys", "init", "--data", data]).status == 0)
        let rotated = try await HealthCtlProcess.run(["keys", "rotate-csca", "--data", data, "--json"])
        #expect(rotated.status == 0 && rotated.standardOutput.contains("CSCA BH 2"), "\(rotated.standardError)")
        #expect(try await HealthCtlProcess.run(["keys", "rotate", "--data", data]).status == 0)
        let list = try await HealthCtlProcess.run(["keys", "list", "--data", data, "--json"])
        let listing = try #require(
            try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any])
        #expect((listing["countrySigners"] as? [Any])?.count == 2)
        let issuers = (listing["documentSigners"] as? [[String: Any]])?.compactMap { $0["issuer"] as? String }
        #expect(issuers?.count == 2 && issuers?.last?.contains("CSCA BH 2") == true)
        let cscas = try await HealthCtlProcess.run(["trust", "export", "--data", data, "--csca"])
        #expect(cscas.standardOutput.components(separatedBy: "BEGIN CERTIFICATE").count == 3)
        let audit = try await HealthCtlProcess.run(["audit", "list", "--data", data, "--json"])
        #expect(audit.standardOutput.contains("keys.rotate-csca"))
        #expect(
            try await HealthCtlProcess.run(["keys", "rotate-csca", "--data", data, "--valid-days", "10"]).status == 2)
    }

    private static func trustListKids(_ server: ServerProcess) async throws -> [String] {
        let (status, body) = try await server.send("/v1/trust-list", token: nil)
        #expect(status == 200)
        let list = try JSONSerialization.jsonObject(with: body) as? [[String: Any]]
        return list?.compactMap { $0["kid"] as? String } ?? []
    }
}
