import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// The whole story of a case over HTTP on both backends, with an injected clock and no sleeping: a positive PCR opens
/// a case and an isolation order; the citizen names three contacts (two registered, one not); the isolated person
/// checks in for days 1 to 9 but one, which shows as missed; on day 10 with no fever the isolation ends by itself;
/// one contact's negative PCR on day 5 releases their quarantine; the other tests positive and becomes a linked case.
@Suite struct CaseStoryTests {
    struct Caller {
        let token: String
        var headers: HTTPFields { [.contentType: "application/json", .authorization: "Bearer \(token)"] }
    }

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    /// Enrols a citizen through the app's own flow and returns their caller.
    static func citizen(_ services: HealthServiceSet, _ nationalId: String, phone: String) async throws -> Caller {
        try await services.accounts.enrol(
            nationalId: nationalId, dateOfBirth: "1990-05-17", names: .init(name: "Citizen \(nationalId)"),
            phone: phone)
        let code = try #require(try await services.outbox.latest(limit: 1).first?.code)
        return Caller(token: try await services.accounts.verify(nationalId: nationalId, code: code).token)
    }

    @Test(arguments: StorageBackend.allCases) func theWholeStoryOfACase(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend, clock: ManualClock("2026-12-01T09:00:00Z"))
        let services = harness.services
        let clock = harness.clock
        func staff(_ role: Role) async throws -> Caller {
            Caller(
                token: try await services.access.issueStaffToken(
                    role: role, name: "\(role.rawValue)-1", validForMinutes: 60 * 24 * 30, by: harness.operatorPrincipal
                ).secret)
        }
        let (lab, operator_) = (try await staff(.lab), try await staff(.operator))
        let index = try await Self.citizen(services, "900000001", phone: "+97336000001")
        let tested = try await Self.citizen(services, "900000002", phone: "+97336000002")
        let positive = try await Self.citizen(services, "900000003", phone: "+97336000003")
        let stranger = try await Self.citizen(services, "900000004", phone: "+97336000004")
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, _ caller: Caller, _ body: String? = nil)
                async throws -> TestResponse
            {
                try await client.execute(
                    uri: uri, method: method, headers: caller.headers, body: body.map { ByteBuffer(string: $0) })
            }
            func upload(_ sample: String, _ nationalId: String, _ result: String) async throws {
                let now = clock.wallClock.now()
                let response = try await call(
                    .post, "/v1/lab/results", lab,
                    """
                    [{"sampleId":"\(sample)","nationalId":"\(nationalId)","test":"pcr","result":"\(result)",
                      "sampledAt":"\(now.adding(seconds: -3600).iso8601)","resultedAt":"\(now.iso8601)"}]
                    """)
                #expect(response.status == .ok)
            }
            func status(_ caller: Caller) async throws -> [String: Any] {
                try #require(try Self.json(try await call(.get, "/v1/status", caller)) as? [String: Any])
            }
            func orders(_ caller: Caller) async throws -> [[String: Any]] {
                try #require(try Self.json(try await call(.get, "/v1/orders", caller)) as? [[String: Any]])
            }
            func advanceToDay(_ day: Int64) {
                let target = Timestamp(iso8601: "2026-12-01T09:00:00Z")!.adding(days: day)
                clock.advance(seconds: target.secondsSinceEpoch - clock.wallClock.now().secondsSinceEpoch)
            }

            // Day 0: a positive PCR opens a case and an isolation order; the status is red with the end date.
            try await upload("S-1", "900000001", "positive")
            let isolation = try #require(try await orders(index).first)
            #expect(isolation["kind"] as? String == "isolation" && isolation["endDate"] as? String == "2026-12-11")
            #expect(isolation["nextCheckIn"] as? String == "2026-12-01")
            let red = try await status(index)
            // The order ends at midnight in Bahrain on its end date.
            #expect(red["colour"] as? String == "red" && red["validUntil"] as? String == "2026-12-10T21:00:00Z")
            let isolationID = try #require(isolation["id"] as? String)

            // The citizen names three contacts: two registered, one not.
            let named = try await call(
                .post, "/v1/cases/mine/contacts", index,
                """
                {"contacts":[
                  {"name":"citizen 900000002","nationalId":"900000002","lastContact":"2026-11-30","setting":"office party"},
                  {"name":"Citizen  900000003","nationalId":"900000003","lastContact":"2026-12-01","setting":"family dinner"},
                  {"name":"A Stranger","nationalId":"900000004","lastContact":"2026-11-30"},
                  {"name":"Unregistered Friend","phone":"+97336009999","lastContact":"2026-11-30"}]}
                """)
            #expect(named.status == .created)
            let messages = try await services.outbox.latest(limit: 10)
            for phone in ["+97336000002", "+97336000003"] {
                let text = try #require(messages.first { $0.to == phone }?.text)
                #expect(text.contains("quarantine") && !text.contains("office") && !text.contains("dinner"))
                #expect(!text.contains("900000001") && !text.lowercased().contains("citizen"))
            }
            #expect(!messages.contains { $0.to == "+97336009999" })
            // A national id given with another person's name gives no order: it waits for the operators.
            #expect(
                try await services.cases.pendingContacts().compactMap(\.name).sorted()
                    == ["A Stranger", "Unregistered Friend"])
            #expect(try await orders(stranger).isEmpty)
            let quarantine = try #require(try await orders(tested).first)
            #expect(quarantine["kind"] as? String == "quarantine" && quarantine["endDate"] as? String == "2026-12-07")
            #expect(try await status(tested)["reason"] as? String == "quarantine")

            // Check-ins for days 1 to 9, day 4 missed.
            for day in Int64(1)...9 {
                advanceToDay(day)
                if day == 4 { continue }
                let checkIn = try await call(
                    .post, "/v1/orders/\(isolationID)/check-ins", index, #"{"symptoms":["cough"],"temperature":37.1}"#)
                #expect(checkIn.status == .created, "day \(day)")
                if day == 5 {
                    let twice = try await call(.post, "/v1/orders/\(isolationID)/check-ins", index, #"{"symptoms":[]}"#)
                    #expect(twice.status == .conflict)
                    // Day 5 after the last contact (2026-11-30): the tested contact's negative PCR ends the quarantine.
                    try await upload("S-2", "900000002", "negative")
                    #expect(try await orders(tested).first?["releaseReason"] as? String == "negative-test")
                    #expect(try await status(tested)["colour"] as? String != "yellow")
                    // The other contact tests positive: a case linked to the first.
                    try await upload("S-3", "900000003", "positive")
                    let cases = try #require(
                        try Self.json(try await call(.get, "/v1/cases?state=isolating", operator_)) as? [[String: Any]])
                    let linked = try #require(cases.first { $0["linkedCaseId"] != nil })
                    #expect(cases.count == 2 && linked["linkedCaseId"] as? String == isolation["caseId"] as? String)
                    #expect(try await status(positive)["reason"] as? String == "isolating")
                    #expect(
                        try await services.audit.latest(limit: 10).contains {
                            $0.action == "order.release" && $0.details.contains("became-case")
                        })
                }
            }
            // Day 4 (2026-12-05) had no check-in: the isolation order is listed as missed that day, not the next.
            let missedDay4 = try #require(
                try Self.json(try await call(.get, "/v1/orders?missed=2026-12-05", operator_)) as? [[String: Any]])
            #expect(missedDay4.contains { $0["id"] as? String == isolationID })
            let missedDay5 = try #require(
                try Self.json(try await call(.get, "/v1/orders?missed=2026-12-06", operator_)) as? [[String: Any]])
            #expect(!missedDay5.contains { $0["id"] as? String == isolationID })

            // Day 10 with no fever: the isolation ends by itself.
            advanceToDay(10)
            #expect(try await services.orders.releaseDueOrders() >= 1)
            let ended = try #require(try await orders(index).first)
            #expect(ended["state"] as? String == "released" && ended["releaseReason"] as? String == "completed")
            #expect(try await status(index)["colour"] as? String == "green")
            #expect(
                try await services.outbox.latest(limit: 5).contains {
                    $0.to == "+97336000001" && $0.text.contains("has ended")
                })
        }
        withExtendedLifetime(harness) {}
    }
}
