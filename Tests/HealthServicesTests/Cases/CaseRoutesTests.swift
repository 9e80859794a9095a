import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// The case routes over HTTP on both backends: a positive upload opens a case the citizen sees as an order and a
/// red status, and operators read, note and assign it.
@Suite struct CaseRoutesTests {
    static func headers(_ token: String) -> HTTPFields {
        [.contentType: "application/json", .authorization: "Bearer \(token)"]
    }

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    @Test(arguments: StorageBackend.allCases) func aPositiveUploadIsACaseOperatorsFollowUp(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        func token(_ role: Role) async throws -> String {
            try await services.access.issueStaffToken(
                role: role, name: "\(role.rawValue)-1", validForMinutes: 60, by: harness.operatorPrincipal
            ).secret
        }
        try await services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Maryam Yusuf Al Sayed"),
            phone: "+97336001234")
        let code = try #require(try await services.outbox.latest(limit: 1).first?.code)
        let citizen = try await services.accounts.verify(nationalId: "900112345", code: code).token
        let (lab, operator_) = (try await token(.lab), try await token(.operator))
        let now = harness.clock.wallClock.now()
        let upload = """
            [{"sampleId":"C-1","nationalId":"900112345","test":"pcr","result":"positive",
              "sampledAt":"\(now.adding(seconds: -7200).iso8601)","resultedAt":"\(now.iso8601)"}]
            """
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            let uploaded = try await client.execute(
                uri: "/v1/lab/results", method: .post, headers: Self.headers(lab), body: ByteBuffer(string: upload))
            #expect(uploaded.status == .ok)

            let orders = try #require(
                try Self.json(try await client.execute(uri: "/v1/orders", method: .get, headers: Self.headers(citizen)))
                    as? [[String: Any]])
            #expect(orders.count == 1 && orders[0]["kind"] as? String == "isolation")
            #expect(orders[0]["state"] as? String == "active" && orders[0]["endDate"] is String)
            let status = try #require(
                try Self.json(try await client.execute(uri: "/v1/status", method: .get, headers: Self.headers(citizen)))
                    as? [String: Any])
            #expect(status["colour"] as? String == "red" && status["reason"] as? String == "isolating")

            let forbidden = try await client.execute(uri: "/v1/cases", method: .get, headers: Self.headers(citizen))
            #expect(forbidden.status == .forbidden)
            let cases = try #require(
                try Self.json(
                    try await client.execute(
                        uri: "/v1/cases?state=isolating", method: .get, headers: Self.headers(operator_)))
                    as? [[String: Any]])
            let id = try #require(cases.first?["id"] as? String)
            #expect(cases.count == 1 && cases[0]["resultId"] is String)

            let noted = try await client.execute(
                uri: "/v1/cases/\(id)/notes", method: .post, headers: Self.headers(operator_),
                body: ByteBuffer(string: #"{"text":"Reached by phone; isolating."}"#))
            #expect(noted.status == .ok)
            let assigned = try await client.execute(
                uri: "/v1/cases/\(id)/assign", method: .post, headers: Self.headers(operator_),
                body: ByteBuffer(string: #"{"operator":"Dr. Amina"}"#))
            let details = try #require(try Self.json(assigned) as? [String: Any])
            #expect((details["case"] as? [String: Any])?["assignedTo"] as? String == "Dr. Amina")
            #expect((details["notes"] as? [[String: Any]])?.first?["author"] as? String == "operator-1")
            #expect((details["orders"] as? [Any])?.count == 1)

            let blank = try await client.execute(
                uri: "/v1/cases/\(id)/notes", method: .post, headers: Self.headers(operator_),
                body: ByteBuffer(string: #"{"text":"   "}"#))
            #expect(blank.status == .badRequest)
            let missing = try await client.execute(
                uri: "/v1/cases/case_none", method: .get, headers: Self.headers(operator_))
            #expect(missing.status == .notFound)
            let badState = try await client.execute(
                uri: "/v1/cases?state=healed", method: .get, headers: Self.headers(operator_))
            #expect(badState.status == .badRequest)
            let today = now.civilDate.iso8601
            for (uri, code) in [
                ("/v1/cases?limit=5001", "invalid-limit"), ("/v1/orders?missed=\(today)&limit=0", "invalid-limit"),
                ("/v1/orders?personId=\(orders[0]["personId"] as? String ?? "")&limit=5", "unknown-parameter"),
            ] {
                let refused = try await client.execute(uri: uri, method: .get, headers: Self.headers(operator_))
                #expect(refused.status == .badRequest, "\(uri)")
                #expect((try Self.json(refused) as? [String: Any])?["code"] as? String == code, "\(uri)")
            }
            let missed = try await client.execute(
                uri: "/v1/orders?missed=\(today)&limit=1", method: .get, headers: Self.headers(operator_))
            #expect((try Self.json(missed) as? [Any])?.count == 1)
        }
        withExtendedLifetime(harness) {}
    }
}
