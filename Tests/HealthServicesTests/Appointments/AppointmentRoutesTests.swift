import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

@Suite struct AppointmentRoutesTests {
    /// The real router over `backend`'s storage, with an operator and a vaccinator token and one centre.
    private func withAPI(
        _ backend: StorageBackend, _ test: @Sendable (any TestClientProtocol, RouteFixture) async throws -> Void
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        let cli = Principal.commandLine(operatorName: "test")
        let operatorToken = try await services.access.issueStaffToken(
            role: .operator, name: "op", validForMinutes: 180, by: cli
        ).secret
        let nurseToken = try await services.access.issueStaffToken(
            role: .vaccinator, name: "nurse", validForMinutes: 180, by: cli
        ).secret
        let router = try buildRouter(services: services, registry: PrometheusCollectorRegistry())
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await test(
                client,
                RouteFixture(
                    services: services, operatorToken: operatorToken, nurseToken: nurseToken, clock: harness.clock))
        }
        withExtendedLifetime(harness) {}
    }

    struct RouteFixture {
        let services: HealthServiceSet
        let operatorToken: String
        let nurseToken: String
        /// Stopped at the real time the test began; moved by hand.
        let clock: ManualClock
    }

    private static func headers(_ token: String?, idempotencyKey: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let idempotencyKey { fields[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        fields[.contentType] = "application/json"
        return fields
    }

    private static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    private static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    private static func problemCode(_ response: TestResponse) -> String? {
        #expect(response.headers[.contentType] == ProblemDetails.mediaType)
        return (try? JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView)))?.code
    }

    /// The operator's walkthrough end to end: centre, slots, enrolment, search, booking, check-in.
    @Test(arguments: StorageBackend.allCases) func enrolSearchBookAndCheckInOverHTTP(backend: StorageBackend)
        async throws
    {
        try await withAPI(backend) { client, fixture in
            // Slots from the quarter hour an hour or so ahead (check-in is open from their start whatever the time of
            // day: from 2 hours before, but not before the slot's day begins in Bahrain).
            let start = Timestamp(
                secondsSinceEpoch: (fixture.clock.wallClock.now().secondsSinceEpoch / 900 + 5) * 900)
            var centreID = ""
            try await client.execute(
                uri: "/v1/centres", method: .post, headers: Self.headers(fixture.operatorToken),
                body: Self.json(#"{"name":"Sitra Health Centre","area":"Central","services":["pcr","comirnaty"]}"#)
            ) { response in
                #expect(response.status == .created)
                centreID = try Self.object(response)["id"] as? String ?? ""
            }
            let schedule =
                #"{"centreId":"\#(centreID)","service":"pcr","from":"\#(start.iso8601)","to":"\#(start.adding(seconds: 3600).iso8601)","every":"15m","capacity":2}"#
            try await client.execute(
                uri: "/v1/slots", method: .post, headers: Self.headers(fixture.operatorToken), body: Self.json(schedule)
            ) { response in
                #expect(response.status == .created)
                let created = try Self.object(response)["created"] as? Int
                #expect(created == 4)
            }
            try await client.execute(
                uri: "/v1/accounts", method: .post, headers: Self.headers(nil),
                body: Self.json(
                    #"{"nationalId":"900112345","dateOfBirth":"1990-01-17","name":"Fatima","phone":"+97336001234"}"#)
            ) { response in
                #expect(response.status == .accepted)
            }
            let code = try #require(try await fixture.services.outbox.latest(limit: 1).first?.code)
            var token = ""
            var personID = ""
            try await client.execute(
                uri: "/v1/accounts/verify", method: .post, headers: Self.headers(nil),
                body: Self.json(#"{"nationalId":"900112345","code":"\#(code)"}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try Self.object(response)
                token = body["token"] as? String ?? ""
                personID = body["personId"] as? String ?? ""
            }
            var slotID = ""
            try await client.execute(
                uri: "/v1/slots?service=pcr&area=central&from=\(start.iso8601)", method: .get,
                headers: Self.headers(token)
            ) { response in
                #expect(response.status == .ok)
                let slots = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(slots.count == 4)
                #expect(
                    Set(slots[0].keys) == [
                        "id", "centreId", "service", "start", "durationMinutes", "capacity", "remaining",
                    ])
                #expect(slots[0]["remaining"] as? Int == 2 && slots[0]["start"] as? String == start.iso8601)
                slotID = slots[0]["id"] as? String ?? ""
            }
            var appointmentID = ""
            var checkInCode = ""
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/v1/appointments", method: .post, headers: Self.headers(token, idempotencyKey: "book-1"),
                    body: Self.json(#"{"slotId":"\#(slotID)"}"#)
                ) { response in
                    #expect(response.status == .created)
                    let body = try Self.object(response)
                    #expect(
                        body["personId"] as? String == personID && body["status"] as? String == "booked"
                            && body["slotId"] as? String == slotID)
                    if appointmentID.isEmpty { appointmentID = body["id"] as? String ?? "" }
                    #expect(body["id"] as? String == appointmentID)
                    checkInCode = body["checkInCode"] as? String ?? ""
                }
            }
            try await client.execute(
                uri: "/v1/appointments", method: .post, headers: Self.headers(token, idempotencyKey: "book-1"),
                body: Self.json(#"{"slotId":"other"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Self.problemCode(response) == "idempotency-key-reused")
            }
            try await client.execute(
                uri: "/v1/appointments?status=booked", method: .get, headers: Self.headers(fixture.nurseToken)
            ) { response in
                let list = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(list.count == 1 && list[0]["checkInCode"] == nil)
            }
            fixture.clock.advance(
                seconds: start.secondsSinceEpoch + 60 - fixture.clock.wallClock.now().secondsSinceEpoch)
            try await client.execute(
                uri: "/v1/appointments/\(appointmentID)/check-in", method: .post,
                headers: Self.headers(fixture.nurseToken),
                body: Self.json(#"{"code":"\#(checkInCode)"}"#)
            ) { response in
                #expect(response.status == .ok)
                let status = try Self.object(response)["status"] as? String
                #expect(status == "checked-in")
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func missingTokenIs401AndWrongRoleIs403(backend: StorageBackend)
        async throws
    {
        try await withAPI(backend) { client, fixture in
            try await client.execute(uri: "/v1/slots", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(Self.problemCode(response) == "missing-token")
            }
            try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers("hs_nonsense")) { response in
                #expect(response.status == .unauthorized)
                #expect(Self.problemCode(response) == "invalid-token")
            }
            try await client.execute(
                uri: "/v1/centres", method: .post, headers: Self.headers(fixture.nurseToken),
                body: Self.json(#"{"name":"X","area":"Y"}"#)
            ) { response in
                #expect(response.status == .forbidden)
                #expect(Self.problemCode(response) == "forbidden-role")
            }
            try await client.execute(
                uri: "/v1/appointments/apt_0/check-in", method: .post, headers: Self.headers(fixture.operatorToken),
                body: Self.json(#"{"code":"1234"}"#)
            ) { response in
                #expect(response.status == .notFound)
                #expect(Self.problemCode(response) == "appointment-not-found")
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func badBodiesGetSpecificProblemsNeverA500(backend: StorageBackend)
        async throws
    {
        try await withAPI(backend) { client, fixture in
            let cases: [(String, String)] = [
                (
                    #"{"nationalId":"900112345","dateOfBirth":"1990-01-17","name":"F","phone":"+97336001234","admin":true}"#,
                    "unknown-field"
                ),
                (#"{"nationalId":"900112345","dateOfBirth":"1990-01-17","name":"F"}"#, "missing-field"),
                (
                    #"{"nationalId":900112345,"dateOfBirth":"1990-01-17","name":"F","phone":"+97336001234"}"#,
                    "invalid-field"
                ),
                (#"{"nationalId":null,"dateOfBirth":"1990-01-17","name":"F","phone":"+97336001234"}"#, "missing-field"),
                (
                    #"{"nationalId":"90011234","dateOfBirth":"1990-01-17","name":"F","phone":"+97336001234"}"#,
                    "invalid-national-id"
                ),
                (
                    #"{"nationalId":"900112345","dateOfBirth":"1990-02-31","name":"F","phone":"+97336001234"}"#,
                    "invalid-date-of-birth"
                ),
                (
                    #"{"nationalId":"900112345","dateOfBirth":"1990-01-17","name":"F","phone":"call me"}"#,
                    "invalid-phone"
                ),
                (#"[1,2,3]"#, "malformed-json"),
                (#"{"nationalId":"9001"#, "malformed-json"),
                ("", "malformed-json"),
                ("\u{FF}\u{FE}", "malformed-json"),
            ]
            for (body, code) in cases {
                try await client.execute(
                    uri: "/v1/accounts", method: .post, headers: Self.headers(nil), body: Self.json(body)
                ) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(Self.problemCode(response) == code, "\(body)")
                }
            }
            try await client.execute(
                uri: "/v1/slots?service=pcr&colour=red", method: .get, headers: Self.headers(fixture.operatorToken)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(Self.problemCode(response) == "unknown-parameter")
            }
            try await client.execute(
                uri: "/v1/slots?from=tomorrow", method: .get, headers: Self.headers(fixture.operatorToken)
            ) { response in
                #expect(Self.problemCode(response) == "invalid-timestamp")
            }
            try await client.execute(
                uri: "/v1/slots?limit=100000", method: .get, headers: Self.headers(fixture.operatorToken)
            ) { response in
                #expect(Self.problemCode(response) == "invalid-limit")
            }
            try await client.execute(
                uri: "/v1/slots", method: .post, headers: Self.headers(fixture.operatorToken),
                body: Self.json(
                    #"{"centreId":"c","service":"pcr","from":"2030-01-01T08:00:00Z","to":"2030-01-01T09:00:00Z","every":"0m","capacity":2}"#
                )
            ) { response in
                #expect(Self.problemCode(response) == "invalid-interval")
            }
            try await client.execute(
                uri: "/v1/slots", method: .post, headers: Self.headers(fixture.operatorToken),
                body: Self.json(
                    #"{"centreId":"c","service":"pcr","from":"2030-01-01T08:00:00Z","to":"2030-01-01T09:00:00Z","every":"15m","capacity":2.5}"#
                )
            ) { response in
                #expect(Self.problemCode(response) == "invalid-field")
            }
            try await client.execute(
                uri: "/v1/appointments", method: .post, headers: Self.headers(fixture.operatorToken),
                body: Self.json(#"{"slotId":"s","personId":"p"}"#)
            ) { response in
                #expect(Self.problemCode(response) == "missing-idempotency-key")
            }
        }
    }
}
