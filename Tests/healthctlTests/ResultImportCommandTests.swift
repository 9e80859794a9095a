import Foundation
import Testing

/// `healthctl results import` with CSV and FHIR files, run as the built binary.
@Suite struct ResultImportCommandTests {
    static func iso(hoursAgo: Double) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(-hoursAgo * 3600))
    }

    /// A data directory with two registered people, 700000001 and 700000002.
    static func dataDirectory() async throws -> (directory: URL, data: String) {
        let directory = try HealthCtlProcess.temporaryDirectory()
        let data = directory.appendingPathComponent("data").path
        let people = try ExposureCommandTests.write(
            "nationalId,dateOfBirth,name,phone\n700000001,1980-01-01,Huda Saleh,\n700000002,1975-06-30,Ali Jaffar,\n",
            to: directory, as: "people.csv")
        #expect(try await HealthCtlProcess.run(["people", "import", "--data", data, people]).status == 0)
        return (directory, data)
    }

    static func report(_ run: HealthCtlProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    @Test func aCSVFileIsImportedWholeOrNotAtAllUnlessSkippingInvalidRows() async throws {
        let (directory, data) = try await Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (sampled, resulted) = (Self.iso(hoursAgo: 5), Self.iso(hoursAgo: 1))
        let csv = try ExposureCommandTests.write(
            """
            sample_id,national_id,test,result,sampled_at,resulted_at\r
            IMP-1,700000001,pcr,negative,\(sampled),\(resulted)\r
            IMP-2,700000002,rapid-antigen,positive,\(sampled),\(resulted)\r
            IMP-3,799999999,pcr,negative,\(sampled),\(resulted)\r

            """, to: directory, as: "results.csv")

        let whole = try await HealthCtlProcess.run(["results", "import", "--data", data, csv, "--json"])
        #expect(whole.status == 1)
        let refused = try Self.report(whole)
        #expect(refused["imported"] as? Bool == false && refused["rejected"] as? Int == 1)
        let problem = (refused["problems"] as? [[String: Any]])?.first
        #expect(problem?["line"] as? Int == 4 && problem?["code"] as? String == "person-not-found")
        let none = try await HealthCtlProcess.run([
            "results", "list", "--data", data, "--national-id", "700000001", "--json",
        ])
        #expect(none.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        let skipping = try await HealthCtlProcess.run([
            "results", "import", "--data", data, csv, "--skip-invalid", "--json",
        ])
        #expect(skipping.status == 0)
        let imported = try Self.report(skipping)
        #expect(imported["imported"] as? Bool == true && imported["created"] as? Int == 2)
        #expect(imported["rejected"] as? Int == 1)
        let again = try Self.report(
            try await HealthCtlProcess.run(["results", "import", "--data", data, csv, "--skip-invalid", "--json"]))
        #expect(again["unchanged"] as? Int == 2 && again["created"] as? Int == 0)
        let human = try await HealthCtlProcess.run(["results", "import", "--data", data, csv])
        #expect(human.status == 1 && human.standardOutput.contains("line 4: person-not-found"))
        let status = try await HealthCtlProcess.run([
            "status", "show", "--data", data, "--national-id", "700000002", "--json",
        ])
        #expect(status.standardOutput.contains(#""colour":"red""#))
    }

    @Test func aFHIRBundleOfObservationsIsImported() async throws {
        let (directory, data) = try await Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = try ExposureCommandTests.write(
            """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"fullUrl":"urn:uuid:obs-1","resource":{"resourceType":"Observation","id":"obs-1",
                "identifier":[{"system":"urn:lab:central:sample","value":"FHIR-1"}],
                "status":"final",
                "code":{"coding":[{"system":"http://loinc.org","code":"94500-6"}]},
                "subject":{"identifier":{"system":"urn:bh:cpr","value":"700000001"}},
                "effectiveDateTime":"\(Self.iso(hoursAgo: 6))","issued":"\(Self.iso(hoursAgo: 2))",
                "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"260415000"}]}}}
            ]}
            """, to: directory, as: "bundle.json")
        let run = try await HealthCtlProcess.run([
            "results", "import", "--data", data, bundle, "--lab", "central", "--json",
        ])
        #expect(run.status == 0)
        #expect(try Self.report(run)["created"] as? Int == 1)
        let listed = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    try await HealthCtlProcess.run([
                        "results", "list", "--data", data, "--national-id", "700000001", "--json",
                    ]).standardOutput.utf8)) as? [[String: Any]])
        #expect(
            listed.count == 1 && listed[0]["sampleId"] as? String == "FHIR-1"
                && listed[0]["lab"] as? String == "central")
        #expect(listed[0]["result"] as? String == "negative" && listed[0]["test"] as? String == "pcr")
    }
}
