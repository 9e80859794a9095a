import Foundation
import Testing

/// `healthctl cert transliterate`, people from FHIR Patients with Latin names, and `healthctl people update`
/// issuing the certificate that waited for a Latin name, run as the built binary.
@Suite struct PassportNameCommandTests {
    @Test func transliterateSpeaksICAO9303OrSaysWhatIsMissing() async throws {
        let cyrillic = try await HealthCtlProcess.run(["cert", "transliterate", "Иван Петров"])
        #expect(cyrillic.status == 0 && cyrillic.standardOutput == "IVAN<PETROV\n")
        let arabic = try await HealthCtlProcess.run(["cert", "transliterate", "عبّاس"])
        #expect(arabic.status == 0 && arabic.standardOutput == "EBBAS\n")
        let chinese = try await HealthCtlProcess.run(["cert", "transliterate", "王秀英"])
        #expect(chinese.status == 1 && chinese.standardError.contains("name-needs-latin-form"))
        let latin = try await HealthCtlProcess.run(["cert", "transliterate", "--latin", "Иван"])
        #expect(latin.status == 1)
    }

    static let patients = """
        {"resourceType": "Bundle", "type": "collection", "entry": [
          {"resource": {"resourceType": "Patient",
            "identifier": [{"system": "https://cio.gov.bh/cpr", "value": "700000011"}], "birthDate": "1981-02-03",
            "name": [{"family": "Ли", "given": ["Анна"]},
                     {"use": "official", "family": "Lee", "given": ["Anna"]}]}},
          {"resource": {"resourceType": "Patient",
            "identifier": [{"system": "https://cio.gov.bh/cpr", "value": "700000012"}], "birthDate": "1979-11-30",
            "name": [{"family": "王", "given": ["秀", "英"]}]}}
        ]}
        """

    @Test func aWaitingCertificateIsIssuedWhenTheOperatorAddsTheLatinName() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let bundle = try ExposureCommandTests.write(Self.patients, to: directory, as: "patients.json")
        let imported = try await HealthCtlProcess.run(["people", "import", "--data", data, bundle])
        #expect(imported.status == 0, "\(imported.standardError)")
        let listed = try await HealthCtlProcess.run(["people", "list", "--data", data, "--json"])
        let people = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        let lee = try #require(people.first { $0["nationalId"] as? String == "700000011" })
        #expect(lee["familyName"] as? String == "Ли" && lee["familyNameLatin"] as? String == "Lee")
        #expect(lee["nameWasSplit"] as? Bool == false)

        let sampled = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 3600))
        let csv = try ExposureCommandTests.write(
            "sample_id,national_id,test,result,sampled_at,resulted_at\nW-1,700000012,pcr,negative,\(sampled),\(sampled)\n",
            to: directory, as: "results.csv")
        #expect(try await HealthCtlProcess.run(["results", "import", "--data", data, csv]).status == 0)
        let waiting = try await HealthCtlProcess.run([
            "cert", "list", "--data", data, "--national-id", "700000012", "--json",
        ])
        let before = try #require(
            try JSONSerialization.jsonObject(with: Data(waiting.standardOutput.utf8)) as? [[String: Any]])
        #expect(before.count == 1 && before[0]["status"] as? String == "waiting")
        #expect(before[0]["reason"] as? String == "name-needs-latin-form" && before[0]["hc1"] == nil)

        let update = try await HealthCtlProcess.run([
            "people", "update", "--data", data, "--actor", "registrar", "--national-id", "700000012",
            "--family-name-latin", "Wang", "--given-name-latin", "Xiu Ying", "--json",
        ])
        #expect(update.status == 0, "\(update.standardError)")
        let answer = try #require(
            try JSONSerialization.jsonObject(with: Data(update.standardOutput.utf8)) as? [String: Any])
        #expect((answer["issued"] as? [String])?.count == 1 && (answer["stillWaiting"] as? [String]) == [])
        let issued = try await HealthCtlProcess.run([
            "cert", "list", "--data", data, "--national-id", "700000012", "--json",
        ])
        let after = try #require(
            try JSONSerialization.jsonObject(with: Data(issued.standardOutput.utf8)) as? [[String: Any]])
        #expect(after.count == 1 && after[0]["status"] as? String == "issued")
        let hc1 = try #require(after[0]["hc1"] as? String)
        let trust = directory.appendingPathComponent("trust.json").path
        #expect(try await HealthCtlProcess.run(["trust", "export", "--data", data, "--out", trust]).status == 0)
        let verified = try await HealthCtlProcess.run(["cert", "verify", "--trust", trust, "--json", hc1])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains(#""fn":"王","fnt":"WANG","gn":"秀 英","gnt":"XIU<YING""#))
        // Its SMART Health Card names the holder in Latin letters first, as the passport does.
        let card = try #require((after[0]["shc"] as? [String: Any])?["qr"] as? [String])
        let checked = try await HealthCtlProcess.run(["cert", "verify", "--data", data, "--json"] + card)
        let result = try JSONSerialization.jsonObject(with: Data(checked.standardOutput.utf8)) as? [String: Any]
        #expect(result?["valid"] as? Bool == true, "\(checked.standardOutput)")
        let name = (result?["payload"] as? [String: Any])?["nam"] as? [String: Any]
        #expect(
            name?["fn"] as? String == "Wang" && name?["gn"] as? String == "Xiu Ying"
                && name?["gnt"] as? String == "XIU<YING")
        let audit = try await HealthCtlProcess.run(["audit", "list", "--data", data, "--json"])
        #expect(audit.standardOutput.contains("person.set-latin-name") && audit.standardOutput.contains("registrar"))
    }
}
