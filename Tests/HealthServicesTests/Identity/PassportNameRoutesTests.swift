import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// The name fields over HTTP: registration takes them (or the old `name`), people show them, and a certificate
/// that waits for a Latin name is listed with its reason.
@Suite struct PassportNameRoutesTests {
    /// The real router over `backend`'s storage, with an operator's and a lab's token.
    private func withAPI(
        _ backend: StorageBackend, _ test: @Sendable (any TestClientProtocol, String, String) async throws -> Void
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        let cli = Principal.commandLine(operatorName: "test")
        let operator_ = try await services.access.issueStaffToken(
            role: .operator, name: "registrar", validForMinutes: 60, by: cli
        ).secret
        let lab = try await services.access.issueStaffToken(role: .lab, name: "lab-1", validForMinutes: 60, by: cli)
            .secret
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in try await test(client, operator_, lab) }
        withExtendedLifetime(harness) {}
    }

    private static func headers(_ token: String) -> HTTPFields {
        [.contentType: "application/json", .authorization: "Bearer \(token)"]
    }

    private static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    private static func array(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
    }

    @Test(arguments: StorageBackend.allCases) func registrationTakesTheNamePartsAndListsWaitingCertificates(
        backend: StorageBackend
    ) async throws {
        try await withAPI(backend) { client, operator_, lab in
            let body = #"{"nationalId":"810100001","dateOfBirth":"1981-01-01","familyName":"王","givenName":"秀英"}"#
            let created = try await client.execute(
                uri: "/v1/people", method: .post, headers: Self.headers(operator_), body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let person = try Self.object(created)
            #expect(person["familyName"] as? String == "王" && person["givenName"] as? String == "秀英")
            #expect(person["nameWasSplit"] as? Bool == false && person["familyNameLatin"] == nil)

            let sampled = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 3600).iso8601
            let upload = try await client.execute(
                uri: "/v1/lab/results", method: .post, headers: Self.headers(lab),
                body: ByteBuffer(
                    string: #"[{"sampleId":"W-1","nationalId":"810100001","test":"pcr","result":"negative","#
                        + #""sampledAt":"\#(sampled)","resultedAt":"\#(sampled)"}]"#))
            let outcome = try #require(try Self.array(upload).first)
            #expect(
                outcome["certificateId"] == nil && outcome["certificateWaiting"] as? String == "name-needs-latin-form")

            let personID = try #require(person["id"] as? String)
            let listed = try Self.array(
                try await client.execute(
                    uri: "/v1/certificates?personId=\(personID)", method: .get, headers: Self.headers(operator_)))
            #expect(listed.count == 1 && listed[0]["status"] as? String == "waiting")
            #expect(listed[0]["reason"] as? String == "name-needs-latin-form" && listed[0]["hc1"] == nil)
        }
    }

    @Test(arguments: StorageBackend.allCases) func oldClientsStillSendOneNameAndBadNamePartsAreRefused(
        backend: StorageBackend
    ) async throws {
        try await withAPI(backend) { client, operator_, _ in
            let old = try await client.execute(
                uri: "/v1/people", method: .post, headers: Self.headers(operator_),
                body: ByteBuffer(string: #"{"nationalId":"810100002","dateOfBirth":"1981-01-01","name":"Huda Saleh"}"#))
            let person = try Self.object(old)
            #expect(old.status == .created && person["nameWasSplit"] as? Bool == true)
            #expect(person["familyName"] as? String == "Saleh" && person["givenName"] as? String == "Huda")

            for (body, code) in [
                (#"{"nationalId":"810100003","dateOfBirth":"1981-01-01"}"#, "missing-field"),
                (#"{"nationalId":"810100003","dateOfBirth":"1981-01-01","givenName":"Huda"}"#, "invalid-name"),
                (
                    #"{"nationalId":"810100003","dateOfBirth":"1981-01-01","familyName":"Ли","familyNameLatin":"Ли"}"#,
                    "invalid-name"
                ),
            ] {
                let refused = try await client.execute(
                    uri: "/v1/people", method: .post, headers: Self.headers(operator_), body: ByteBuffer(string: body))
                #expect(refused.status.code / 100 == 4)
                #expect(try Self.object(refused)["code"] as? String == code, "\(body)")
            }
        }
    }
}
