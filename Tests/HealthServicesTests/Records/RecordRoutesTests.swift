import Certificates
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

@Suite struct RecordRoutesTests {
    struct Tokens {
        let services: HealthServiceSet
        let lab: String
        let verifier: String
        let operator_: String
        let citizen: String
    }

    /// The real router over `backend`'s storage, with staff tokens and one enrolled citizen (900112345).
    private func withAPI(
        _ backend: StorageBackend, _ test: @Sendable (any TestClientProtocol, Tokens) async throws -> Void
    )
        async throws
    {
        let harness = try await ServiceHarness(backend, clock: .now())
        let services = harness.services
        let cli = Principal.commandLine(operatorName: "test")
        func token(_ role: Role) async throws -> String {
            try await services.access.issueStaffToken(
                role: role, name: "\(role.rawValue)-1", validForMinutes: 60, by: cli
            )
            .secret
        }
        try await services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Maryam Yusuf Al Sayed"),
            phone: "+97336001234")
        let code = try #require(try await services.outbox.latest(limit: 1).first?.code)
        let citizen = try await services.accounts.verify(nationalId: "900112345", code: code).token
        let tokens = Tokens(
            services: services, lab: try await token(.lab), verifier: try await token(.verifier),
            operator_: try await token(.operator), citizen: citizen)
        let app = Application(router: try buildRouter(services: services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in try await test(client, tokens) }
        withExtendedLifetime(harness) {}
    }

    private static func headers(_ token: String?) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let token { fields[.authorization] = "Bearer \(token)" }
        return fields
    }

    private static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    private static func problemCode(_ response: TestResponse) -> String? {
        (try? JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView)))?.code
    }

    static let sampledAt = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 3600).iso8601
    static let resultedAt = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 60).iso8601

    @Test(arguments: StorageBackend.allCases) func labsUploadBatchesWithOneOutcomePerItem(backend: StorageBackend)
        async throws
    {
        try await withAPI(backend) { client, tokens in
            let batch = """
                [{"sampleId":"L-1","nationalId":"900112345","test":"pcr","result":"positive",
                  "sampledAt":"\(Self.sampledAt)","resultedAt":"\(Self.resultedAt)"},
                 {"sampleId":"L-2","nationalId":"111111111","test":"pcr","result":"negative",
                  "sampledAt":"\(Self.sampledAt)","resultedAt":"\(Self.resultedAt)"},
                 {"sampleId":"L-3","nationalId":"900112345","test":"pcr","result":"negative","extra":1,
                  "sampledAt":"\(Self.sampledAt)","resultedAt":"\(Self.resultedAt)"},
                 "not an object"]
                """
            try await client.execute(
                uri: "/v1/lab/results", method: .post, headers: Self.headers(tokens.lab),
                body: ByteBuffer(string: batch)
            ) { response in
                #expect(response.status == .ok)
                let outcomes = try #require(try Self.json(response) as? [[String: Any]])
                #expect(outcomes.map { $0["status"] as? String } == ["created", "rejected", "rejected", "rejected"])
                #expect(
                    outcomes.dropFirst().map { ($0["error"] as? [String: Any])?["code"] as? String } == [
                        "person-not-found", "unknown-field", "malformed-json",
                    ])
                #expect(outcomes[0]["certificateId"] is String)
            }
            for (token, status, code) in [
                (nil, HTTPResponse.Status.unauthorized, "missing-token"),
                (tokens.operator_, .forbidden, "forbidden-role"),
            ] {
                try await client.execute(
                    uri: "/v1/lab/results", method: .post, headers: Self.headers(token), body: ByteBuffer(string: "[]")
                ) { response in
                    #expect(response.status == status)
                    #expect(Self.problemCode(response) == code)
                }
            }
            for (body, code) in [("[]", "empty-batch"), ("{}", "malformed-json"), ("[", "malformed-json")] {
                try await client.execute(
                    uri: "/v1/lab/results", method: .post, headers: Self.headers(tokens.lab),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest && Self.problemCode(response) == code)
                }
            }
            try await client.execute(uri: "/v1/status", method: .get, headers: Self.headers(tokens.citizen)) {
                response in
                let status = try #require(try Self.json(response) as? [String: Any])
                #expect(status["colour"] as? String == "red" && status["reason"] as? String == "isolating")
            }
            try await client.execute(uri: "/v1/results", method: .get, headers: Self.headers(tokens.citizen)) {
                response in
                let results = try #require(try Self.json(response) as? [[String: Any]])
                let code = (results.first?["verificationCode"] as? [String: Any])?["code"] as? String
                #expect(results.count == 1 && code?.count == 10)
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func certificatesDownloadAsJSONAndQRAndVerifyOverHTTP(
        backend: StorageBackend
    ) async throws {
        try await withAPI(backend) { client, tokens in
            let batch = """
                [{"sampleId":"N-1","nationalId":"900112345","test":"rapid-antigen","result":"negative",
                  "sampledAt":"\(Self.sampledAt)","resultedAt":"\(Self.resultedAt)","device":"1232"}]
                """
            try await client.execute(
                uri: "/v1/lab/results", method: .post, headers: Self.headers(tokens.lab),
                body: ByteBuffer(string: batch)
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/results", method: .get, headers: Self.headers(tokens.citizen)) {
                response in
                let listed = try #require(try Self.json(response) as? [[String: Any]])
                #expect(listed.map { $0["device"] as? String } == ["1232"])
            }
            var id = ""
            var hc1 = ""
            try await client.execute(uri: "/v1/certificates", method: .get, headers: Self.headers(tokens.citizen)) {
                response in
                let listed = try #require(try Self.json(response) as? [[String: Any]])
                #expect(
                    listed.count == 1 && listed[0]["type"] as? String == "t" && listed[0]["revoked"] as? Bool == false)
                id = listed[0]["id"] as? String ?? ""
                hc1 = listed[0]["hc1"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/certificates/\(id)", method: .get, headers: Self.headers(tokens.citizen))
            {
                response in
                let payload = (try Self.json(response) as? [String: Any])?["payload"] as? [String: Any]
                #expect((payload?["nam"] as? [String: Any])?["fnt"] as? String == "SAYED")
                #expect(((payload?["t"] as? [[String: Any]])?.first)?["ma"] as? String == "1232")
            }
            try await client.execute(
                uri: "/v1/certificates/\(id)/qr.svg", method: .get, headers: Self.headers(tokens.citizen)
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/svg+xml")
                #expect(String(buffer: response.body).contains("<svg"))
            }
            try await client.execute(uri: "/v1/trust-list", method: .get) { response in
                let list = try Self.json(response) as? [Any]
                #expect(response.status == .ok && list?.count == 1)
            }
            let body = ByteBuffer(string: #"{"hc1":"\#(hc1)"}"#)
            try await client.execute(
                uri: "/v1/verify", method: .post, headers: Self.headers(tokens.verifier), body: body
            ) { response in
                let expected = try await tokens.services.certificates.verify(hc1, at: nil).jsonData()
                #expect(Data(response.body.readableBytesView) == expected)
                #expect((try Self.json(response) as? [String: Any])?["valid"] as? Bool == true)
            }
            try await client.execute(
                uri: "/v1/verify", method: .post, headers: Self.headers(tokens.citizen), body: body
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/v1/verify", method: .post, headers: Self.headers(tokens.verifier),
                body: ByteBuffer(string: #"{"hc1":"x","at":"yesterday"}"#)
            ) { #expect($0.status == .badRequest && Self.problemCode($0) == "invalid-timestamp") }
            try await client.execute(
                uri: "/v1/certificates/\(id)/revoke", method: .post, headers: Self.headers(tokens.operator_),
                body: ByteBuffer(string: #"{"reason":"issued in error"}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/revocation-list", method: .get) { response in
                let batches = try Self.json(response) as? [Any]
                #expect(batches?.count == 3)
            }
            try await client.execute(
                uri: "/v1/verify", method: .post, headers: Self.headers(tokens.verifier), body: body
            ) { response in
                let result = try #require(try Self.json(response) as? [String: Any])
                #expect(result["valid"] as? Bool == false && result["error"] as? String == "revoked")
            }
        }
    }
}
