import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// `GET /v1/slots`, the hottest read, checks the caller's token before anything else about the request is judged,
/// and a revoked token stops working within the bound ``TokenCache`` promises.
@Suite struct SlotSearchRoutesTests {
    private static let cli = Principal.commandLine(operatorName: "test")

    private static func headers(_ token: String?) -> HTTPFields {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        return fields
    }

    private static func problemCode(_ response: TestResponse) -> String? {
        (try? JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView)))?.code
    }

    private static func slots(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
    }

    /// A centre with four 15-minute pcr slots of one seat each from 08:00 the day after tomorrow.
    private static func centreWithSlots(_ services: HealthServiceSet) async throws -> Timestamp {
        let start = Timestamp(secondsSinceEpoch: (Int64(Date().timeIntervalSince1970) / 86_400 + 2) * 86_400 + 8 * 3600)
        let centre = try await services.scheduling.addCentre(
            name: "Salmaniya", area: "Capital", services: ["pcr"], by: cli)
        let schedule = try SlotSchedule(
            centreId: centre.id, service: "pcr", from: start.iso8601, to: start.adding(seconds: 3600).iso8601,
            every: "15m", capacity: 1)
        _ = try await services.scheduling.createSlots(schedule, by: cli)
        return start
    }

    /// A server trusts a token it found active for at most ``TokenCache/lifetime``: one revoked by another process
    /// is refused once that has passed since the server last read it.
    @Test func aTokenRevokedByAnotherProcessIsRefusedWithinASecond() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try HealthServiceSet(.directory(directory.path))
        // healthctl in another process: its own connections to the same files.
        let operatorConsole = try HealthServiceSet(.directory(directory.path))
        _ = try await Self.centreWithSlots(operatorConsole)
        let issued = try await operatorConsole.access.issueStaffToken(
            role: .vaccinator, name: "nurse", validForMinutes: 60, by: Self.cli)
        let app = Application(router: try buildRouter(services: server, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers(issued.secret)) {
                    response in
                    #expect(response.status == .ok)
                    let slots = try Self.slots(response)
                    #expect(slots.count == 4)
                }
            }
            try await operatorConsole.access.revoke(tokenID: issued.record.id, by: Self.cli)
            try await Task.sleep(for: TokenCache.lifetime + .milliseconds(100))
            try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers(issued.secret)) {
                #expect($0.status == .unauthorized)
                #expect(Self.problemCode($0) == "invalid-token")
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func aTokenRevokedThroughTheServerIsRefusedOnTheVeryNextSearch(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        _ = try await Self.centreWithSlots(services)
        let issued = try await services.access.issueStaffToken(
            role: .vaccinator, name: "nurse", validForMinutes: 60, by: Self.cli)
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers(issued.secret)) {
                #expect($0.status == .ok)
            }
            try await services.access.revoke(tokenID: issued.record.id, by: Self.cli)
            try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers(issued.secret)) {
                #expect($0.status == .unauthorized)
                #expect(Self.problemCode($0) == "invalid-token")
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func tokenProblemsOutrankProblemsWithTheQuery(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        let lab = try await services.access.issueStaffToken(role: .lab, name: "lab", validForMinutes: 60, by: Self.cli)
        let nurse = try await services.access.issueStaffToken(
            role: .vaccinator, name: "nurse", validForMinutes: 60, by: Self.cli)
        let revoked = try await services.access.issueStaffToken(
            role: .operator, name: "gone", validForMinutes: 60, by: Self.cli)
        try await services.access.revoke(tokenID: revoked.record.id, by: Self.cli)
        let cases: [(token: String?, query: String, status: HTTPResponse.Status, code: String)] = [
            (nil, "?colour=red", .unauthorized, "missing-token"),
            ("hs_unknown", "?colour=red", .unauthorized, "invalid-token"),
            (revoked.secret, "?limit=0", .unauthorized, "invalid-token"),
            (revoked.secret, "", .unauthorized, "invalid-token"),
            (lab.secret, "?from=tomorrow", .forbidden, "forbidden-role"),
            (lab.secret, "", .forbidden, "forbidden-role"),
            (nurse.secret, "?colour=red", .badRequest, "unknown-parameter"),
            (nurse.secret, "?limit=0", .badRequest, "invalid-limit"),
            (nurse.secret, "?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", .badRequest, "invalid-range"),
        ]
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            for (token, query, status, code) in cases {
                try await client.execute(uri: "/v1/slots\(query)", method: .get, headers: Self.headers(token)) {
                    #expect($0.status == status, "\(query)")
                    #expect(Self.problemCode($0) == code, "\(query)")
                }
            }
        }
        withExtendedLifetime(harness) {}
    }

    @Test(arguments: StorageBackend.allCases) func staffSeeFullSlotsButCitizensOnlyOpenOnes(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        let start = try await Self.centreWithSlots(services)
        let nurse = try await services.access.issueStaffToken(
            role: .vaccinator, name: "nurse", validForMinutes: 60, by: Self.cli)
        try await services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-01-17", names: .init(name: "Fatima"), phone: "+97336001234")
        let code = try #require(try await services.outbox.latest(limit: 1).first?.code)
        let citizen = try await services.accounts.verify(nationalId: "900112345", code: code)
        let firstSlot = try #require(
            try await services.scheduling.searchSlots(
                service: "pcr", centre: nil, area: nil, from: start.iso8601, to: nil, limit: "1"
            ).first)
        _ = try await services.appointments.book(
            slotID: firstSlot.id, personID: nil, idempotencyKey: "k1",
            by: try await services.access.authenticate(authorization: "Bearer \(citizen.token)"))
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers(citizen.token)) {
                response in
                let slots = try Self.slots(response)
                #expect(slots.count == 3 && !slots.contains { $0["id"] as? String == firstSlot.id })
            }
            try await client.execute(uri: "/v1/slots", method: .get, headers: Self.headers(nurse.secret)) {
                response in
                let slots = try Self.slots(response)
                #expect(slots.count == 4 && slots[0]["id"] as? String == firstSlot.id)
                #expect(slots[0]["remaining"] as? Int == 0)
            }
            let past = "?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z"
            for token in [citizen.token, nurse.secret] {
                try await client.execute(uri: "/v1/slots\(past)", method: .get, headers: Self.headers(token)) {
                    #expect($0.status == .ok && Data($0.body.readableBytesView) == Data("[]".utf8))
                }
            }
        }
        withExtendedLifetime(harness) {}
    }
}
