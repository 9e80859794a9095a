import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// U+0000 in a body's string or a query parameter is refused at the edge, the same on both backends: PostgreSQL's
/// text cannot hold it, so an id holding it was a storage failure (500) there and not found on SQLite.
@Suite struct NULCharacterRoutesTests {
    @Test func theEscapeIsFoundOnlyWhereItIsOne() {
        let cases: [(String, Bool)] = [
            (#"{"slotId":"slt_\u0000"}"#, true),
            (#"{"slotId":"\u00001"}"#, true),
            (#"{"slotId":"slt_\\u0000"}"#, false),
            (#"{"slotId":"slt_\\\u0000"}"#, true),
            (#"{"slotId":"slt_\\\\u0000"}"#, false),
            (#"{"slotId":"slt_\u0001"}"#, false),
            (#"{"slotId":"slt_1"}"#, false),
            (#""#, false),
        ]
        for (text, expected) in cases {
            #expect(JSONNULEscape.isIn(Data(text.utf8)) == expected, "\(text)")
        }
    }

    @Test(arguments: StorageBackend.allCases) func aBodyOrAQueryHoldingNULIsA400OnEitherBackend(
        backend: StorageBackend
    ) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let token = try await harness.services.access.issueStaffToken(
            role: .operator, name: "op", validForMinutes: 60, by: harness.operatorPrincipal
        ).secret
        let headers: HTTPFields = [
            .authorization: "Bearer \(token)", .contentType: "application/json",
            HTTPField.Name("Idempotency-Key")!: "nul-1",
        ]
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            func expectRefused(_ uri: String, _ method: HTTPRequest.Method, _ body: String?, _ code: String)
                async throws
            {
                try await client.execute(
                    uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
                ) { response in
                    let problem = try? JSONDecoder().decode(
                        ProblemDetails.self, from: Data(response.body.readableBytesView))
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(problem?.code == code, "\(uri)")
                }
            }
            try await expectRefused(
                "/v1/appointments", .post, #"{"slotId":"slt_\u0000","personId":"per_1"}"#, "invalid-field")
            try await expectRefused(
                "/v1/centres", .post, #"{"name":"Centre","area":"Capital","services":["pcr\u0000"]}"#,
                "invalid-field")
            try await expectRefused("/v1/results?personId=per_%00", .get, nil, "invalid-parameter")
            try await expectRefused("/v1/slots?service=pcr%00", .get, nil, "invalid-parameter")
        }
        withExtendedLifetime(harness) {}
    }

    /// JSON in UTF-16 or UTF-32, which the decoder reads by itself, passed the UTF-8 checks for the NUL escape and
    /// for a member given twice: PostgreSQL then failed to store the NUL (500) and SQLite cut the id at it.
    @Test(arguments: StorageBackend.allCases) func aBodyNotInUTF8IsRefused(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend, clock: .now())
        let token = try await harness.services.access.issueStaffToken(
            role: .operator, name: "op", validForMinutes: 60, by: harness.operatorPrincipal
        ).secret
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        let texts = [
            #"{"slotId":"slt_\u0000x","personId":"per_1"}"#,
            #"{"slotId":"slt_1","personId":"per_1","\u0070ersonId":"per_2"}"#,
        ]
        let encodings: [String.Encoding] = [.utf16LittleEndian, .utf16BigEndian, .utf16, .utf32LittleEndian]
        try await app.test(.router) { client in
            for text in texts {
                for encoding in encodings {
                    let body = try #require(text.data(using: encoding))
                    for contentType in ["application/json", "application/json; charset=utf-16"] {
                        try await client.execute(
                            uri: "/v1/appointments", method: .post,
                            headers: [
                                .authorization: "Bearer \(token)", .contentType: contentType,
                                HTTPField.Name("Idempotency-Key")!: "utf16-1",
                            ],
                            body: ByteBuffer(bytes: body)
                        ) { response in
                            let problem = try? JSONDecoder().decode(
                                ProblemDetails.self, from: Data(response.body.readableBytesView))
                            let expected = contentType.contains("16") ? "unsupported-media-type" : "malformed-json"
                            #expect(problem?.code == expected, "\(encoding) \(contentType)")
                            #expect(response.status.code == (expected == "malformed-json" ? 400 : 415))
                        }
                    }
                }
            }
        }
        withExtendedLifetime(harness) {}
    }
}
