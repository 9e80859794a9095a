import Foundation
import TestSupport
import Testing

/// The whole flow of records over HTTP against the real server, with `healthctl` and the independent DCC
/// reference checker: enrol, book a vaccination, check in, record the dose, download and verify the
/// certificate, revoke it and see it refused; then a positive lab result turns the status red.
@Suite struct RecordsFlowTests {
    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func array(_ data: Data) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func staffToken(_ role: String, data: String) async throws -> String {
        let run = try await HealthCtlProcess.run([
            "tokens", "create", "--data", data, "--role", role, "--name", "\(role)-e2e", "--json",
        ])
        return try #require(try object(Data(run.standardOutput.utf8))["token"] as? String)
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// A slot start a few minutes ahead on today's date in Bahrain (UTC+3): check-in opens no earlier than the
    /// slot's day begins, so a slot past midnight there could not be checked into now. In the few minutes before
    /// that midnight the test waits for it.
    static func slotStartLaterToday() async throws -> Date {
        let bahrainDay = { (seconds: Int64) in (seconds + 3 * 3600) / 86_400 }
        let now = Int64(Date().timeIntervalSince1970)
        let start = (now + 360) / 60 * 60 + 60
        guard bahrainDay(start) != bahrainDay(now) else { return Date(timeIntervalSince1970: TimeInterval(start)) }
        let midnight = (bahrainDay(now) + 1) * 86_400 - 3 * 3600
        try await Task.sleep(for: .seconds(midnight - now + 1))
        return try await slotStartLaterToday()
    }

    @Test func enrolVaccinateVerifyRevokeAndTestPositive() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let (nurse, lab, verifier) = (
            try await Self.staffToken("vaccinator", data: data), try await Self.staffToken("lab", data: data),
            try await Self.staffToken("verifier", data: data)
        )
        let centre = try #require(
            try Self.object(
                Data(
                    try await HealthCtlProcess.run([
                        "centres", "create", "--data", data, "--name", "Isa Town Centre", "--area", "Southern",
                        "--services", "comirnaty", "--json",
                    ]).standardOutput.utf8))["id"] as? String)
        let slotStart = try await Self.slotStartLaterToday()
        _ = try await HealthCtlProcess.run([
            "slots", "create", "--data", data, "--centre", centre, "--service", "comirnaty",
            "--from", Self.iso(slotStart), "--to", Self.iso(slotStart.addingTimeInterval(900)), "--every", "15m",
            "--capacity", "5",
        ])

        let server = try await ServerProcess.start(data: data)
        defer { server.terminate() }
        let enrolment = try await server.send(
            "/v1/accounts", method: "POST", token: nil,
            body:
                #"{"nationalId":"880412345","dateOfBirth":"1988-04-12","name":"Layla Ahmed Al Mahmood","phone":"+97339001122"}"#
        )
        #expect(enrolment.status == 202)
        let outbox = try Self.array(
            Data(try await HealthCtlProcess.run(["outbox", "list", "--data", data, "--json"]).standardOutput.utf8))
        let otp = try #require(outbox.first?["code"] as? String)
        let session = try Self.object(
            try await server.send(
                "/v1/accounts/verify", method: "POST", token: nil,
                body: #"{"nationalId":"880412345","code":"\#(otp)"}"#
            ).body)
        let citizen = try #require(session["token"] as? String)

        let slot = try #require(
            try Self.array(try await server.send("/v1/slots?service=comirnaty", token: citizen).body).first?["id"]
                as? String)
        let booking = try await server.send(
            "/v1/appointments", method: "POST", token: citizen, body: #"{"slotId":"\#(slot)"}"#, key: "e2e-dose-1")
        #expect(booking.status == 201)
        let appointment = try Self.object(booking.body)
        let appointmentID = try #require(appointment["id"] as? String)
        let checkIn = try await server.send(
            "/v1/appointments/\(appointmentID)/check-in", method: "POST", token: nurse,
            body: #"{"code":"\#(appointment["checkInCode"] as? String ?? "")"}"#)
        #expect(checkIn.status == 200)
        let dose = try await server.send(
            "/v1/vaccinations", method: "POST", token: nurse,
            body: """
                {"appointmentId":"\(appointmentID)","lot":"FK4821","doseNumber":1,"totalDoses":2,
                 "administeredAt":"\(Self.iso(Date()))"}
                """)
        #expect(dose.status == 201)
        let certificateID = try #require(try Self.object(dose.body)["certificateId"] as? String)

        let listed = try Self.array(try await server.send("/v1/certificates", token: citizen).body)
        #expect(listed.count == 1 && listed[0]["id"] as? String == certificateID && listed[0]["type"] as? String == "v")
        let hc1 = try #require(listed[0]["hc1"] as? String)
        let qr = try await server.send("/v1/certificates/\(certificateID)/qr.svg", token: citizen)
        #expect(qr.status == 200 && String(decoding: qr.body, as: UTF8.self).contains("<svg"))
        let payload = try #require(
            try Self.object(try await server.send("/v1/certificates/\(certificateID)", token: citizen).body)["payload"])

        let trust = try await server.send("/v1/trust-list", token: nil)
        let trustFile = directory.appendingPathComponent("trust.json")
        try trust.body.write(to: trustFile)
        let verified = try await HealthCtlProcess.run(["cert", "verify", "--trust", trustFile.path, "--json", hc1])
        // A first dose of two, given today, is technically valid but does not let the holder into Bahrain: it does
        // not complete the course (VR-BH-0001) and is not 14 days old (VR-BH-0002).
        #expect(verified.status == 1)
        let verdict = try Self.object(Data(verified.standardOutput.utf8))
        #expect(verdict["valid"] as? Bool == true && verdict["verdict"] as? String == "not-valid-for-entry")
        let failed = (verdict["rules"] as? [[String: Any]])?.filter { $0["passed"] as? Bool == false }
        #expect(failed?.compactMap { $0["identifier"] as? String } == ["VR-BH-0001", "VR-BH-0002"])
        let dsc = try #require(try Self.array(trust.body).first?["rawData"] as? String)
        try await Self.checkWithReferenceChecker(hc1: hc1, payload: payload, dsc: dsc, in: directory)

        let before = try Self.object(
            try await server.send("/v1/verify", method: "POST", token: verifier, body: #"{"hc1":"\#(hc1)"}"#).body)
        #expect(before["valid"] as? Bool == true && before["verdict"] as? String == "not-valid-for-entry")
        let revoke = try await HealthCtlProcess.run([
            "cert", "revoke", "--data", data, certificateID, "--reason", "issued to the wrong person",
        ])
        #expect(revoke.status == 0)
        let refused = try Self.object(
            try await server.send("/v1/verify", method: "POST", token: verifier, body: #"{"hc1":"\#(hc1)"}"#).body)
        #expect(refused["valid"] as? Bool == false && refused["error"] as? String == "revoked")
        #expect(refused["verdict"] as? String == "invalid" && (refused["rules"] as? [Any])?.isEmpty == true)
        let revocationFile = directory.appendingPathComponent("revocations.json")
        try (try await server.send("/v1/revocation-list", token: nil)).body.write(to: revocationFile)
        let offline = try await HealthCtlProcess.run([
            "cert", "verify", "--trust", trustFile.path, "--revocation", revocationFile.path, "--json", hc1,
        ])
        #expect(offline.status == 1)
        #expect(try Self.object(Data(offline.standardOutput.utf8))["error"] as? String == "revoked")

        let sampled = Self.iso(Date().addingTimeInterval(-3 * 3600))
        let upload = try await server.send(
            "/v1/lab/results", method: "POST", token: lab,
            body: """
                [{"sampleId":"E2E-77","nationalId":"880412345","test":"pcr","result":"positive",
                  "sampledAt":"\(sampled)","resultedAt":"\(Self.iso(Date()))"}]
                """)
        let outcome = try Self.array(upload.body).first
        #expect(upload.status == 200 && outcome?["status"] as? String == "created")
        let status = try Self.object(try await server.send("/v1/status", token: citizen).body)
        #expect(status["colour"] as? String == "red" && status["reason"] as? String == "isolating")
        let results = try Self.array(try await server.send("/v1/results", token: citizen).body)
        let code = (results.first?["verificationCode"] as? [String: Any])?["code"] as? String
        #expect(code?.count == 10 && code?.allSatisfy(\.isNumber) == true)
        let shown = try await HealthCtlProcess.run([
            "status", "show", "--data", data, "--national-id", "880412345", "--json",
        ])
        #expect(try Self.object(Data(shown.standardOutput.utf8))["colour"] as? String == "red")
    }

    /// Runs scripts/reference/dcc_ref.py on the certificate as one dgc-testdata style case: every check must agree.
    static func checkWithReferenceChecker(hc1: String, payload: Any, dsc: String, in directory: URL) async throws {
        let cases = directory.appendingPathComponent("dcc-ref")
        try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
        let expected = [
            "EXPECTEDUNPREFIX", "EXPECTEDB45DECODE", "EXPECTEDCOMPRESSION", "EXPECTEDVERIFY", "EXPECTEDDECODE",
            "EXPECTEDVALIDJSON", "EXPECTEDSCHEMAVALIDATION", "EXPECTEDVALIDOBJECT", "EXPECTEDEXPIRATIONCHECK",
            "EXPECTEDKEYUSAGE",
        ]
        let testCase: [String: Any] = [
            "PREFIX": hc1, "JSON": payload,
            "TESTCTX": [
                "CERTIFICATE": dsc, "VALIDATIONCLOCK": iso(Date().addingTimeInterval(60)), "SCHEMA": "1.3.0",
            ],
            "EXPECTEDRESULTS": Dictionary(uniqueKeysWithValues: expected.map { ($0, true) }),
        ]
        try JSONSerialization.data(withJSONObject: testCase).write(to: cases.appendingPathComponent("issued.json"))
        let report = directory.appendingPathComponent("dcc-ref-report.json")
        let checker = try await ReferenceTools.run("dcc_ref.py", [cases.path, "--report", report.path])
        let summary = try object(Data(contentsOf: report))
        let tally = summary["tally"] as? [String: Any]
        #expect(tally?["files"] as? Int == 1 && tally?["DISAGREE"] as? Int == 0)
        #expect((tally?["agree"] as? Int ?? 0) >= expected.count)
        #expect(checker.status == 0)
    }
}
