import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthServices

/// A body that gives a member name twice, at the top or deeper, is refused with `duplicate-member` by every
/// operation that takes a body, before its other checks; bodies that repeat a name only across objects pass.
@Suite struct DuplicateMemberRoutesTests {
    @Test func theStrictReaderRefusesADuplicateBeforeAnyOtherFieldProblem() throws {
        let cases: [(String, ServiceError.Code)] = [
            (#"{"slotId":"slt_1","slotId":"slt_2"}"#, .duplicateMember),
            (#"{"slotId":"slt_1","slotId":5}"#, .duplicateMember),
            (#"{"slotId":5,"slotId":"slt_1"}"#, .duplicateMember),
            (#"{"admin":1,"admin":2}"#, .duplicateMember),
            (#"{"slotId":"slt_1","extra":{"a":1,"a":2}}"#, .duplicateMember),
            (#"[{"slotId":"a","slotId":"b"}]"#, .malformedJSON),
            (#"{"slotId":"a","slotId":"b""#, .malformedJSON),
            (#"{"slotId":"a","slotId":"b"}}"#, .malformedJSON),
            (#"{"slotId" "a","slotId":"b"}"#, .malformedJSON),
            (#"{"slotId":"a","extra":{"a":1}}"#, .unknownField),
        ]
        for (text, code) in cases {
            let error = try #require(throws: ServiceError.self, "\(text)") {
                try AppointmentController.BookingBody.decodeStrict(Data(text.utf8))
            }
            #expect(error.code == code, "\(text)")
        }
        #expect(try AppointmentController.BookingBody.decodeStrict(Data(#"{"slotId":"slt_1"}"#.utf8)).slotId == "slt_1")
    }

    @Test func aPublishIsRefusedForADuplicateInsideAKeyAndReadWhenNamesRepeatOnlyAcrossKeys() throws {
        let key =
            #"{"key":"AAAAAAAAAAAAAAAAAAAAAA==","rollingStartNumber":2650000,"rollingPeriod":144,"transmissionRisk":1}"#
        let twice =
            #"{"key":"AAAAAAAAAAAAAAAAAAAAAA==","rollingStartNumber":2650000,"rollingPeriod":144,"#
            + #""transmissionRisk":1,"transmissionRisk":8}"#
        func body(_ keys: [String]) -> Data {
            Data(
                (#"{"temporaryExposureKeys":["# + keys.joined(separator: ",")
                    + #"],"healthAuthorityID":"bh.moh","verificationPayload":"x.y.z","hmacKey":"AA=="}"#).utf8)
        }
        let error = try #require(throws: ServiceError.self) { try PublishRequest.decodeStrict(body([key, twice])) }
        #expect(error.code == .duplicateMember && error.detail.contains("'transmissionRisk'"))
        #expect(try PublishRequest.decodeStrict(body([key, key, key])).temporaryExposureKeys.count == 3)
    }

    @Test func aLabBatchWithADuplicateInOneResultIsRefusedWhole() throws {
        let good = #"{"sampleId":"L-1","nationalId":"900112345","test":"pcr","result":"negative","sampledAt":"x"}"#
        let bad = #"{"sampleId":"L-2","nationalId":"900112345","test":"pcr","result":"negative","result":"positive"}"#
        let error = try #require(throws: ServiceError.self) {
            try LabResultBatch.parse(Data("[\(good),\(bad)]".utf8))
        }
        #expect(error.code == .duplicateMember && error.detail.contains("'result'"))
        #expect(try LabResultBatch.parse(Data("[\(good),\(good)]".utf8)).count == 2)
    }

    /// Every operation of the OpenAPI document that takes a body, called by a role it allows: a duplicate at the top
    /// of the body and one inside a nested object are both 400 `duplicate-member`.
    @Test func everyOperationWithABodyRefusesDuplicateMembers() async throws {
        let harness = try await ServiceHarness(clock: .now())
        let citizen = try await Self.citizenToken(harness)
        var tokens: [Role: String] = [:]
        for role in Role.staff {
            tokens[role] = try await harness.services.access.issueStaffToken(
                role: role, name: role.rawValue, validForMinutes: 60, by: harness.operatorPrincipal
            ).secret
        }
        let staff = tokens
        let operations = try AuthorizationMatrix.operations().filter { $0.method == .post }
        #expect(operations.count == 26)
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            for operation in operations {
                let token: String? = operation.roles.flatMap { roles in
                    roles.contains(.citizen)
                        ? citizen
                        : roles.sorted { $0.rawValue < $1.rawValue }.first.flatMap {
                            staff[$0]
                        }
                }
                let isBatch = operation.path == "/v1/lab/results"
                for object in [#"{"z":1,"z":2}"#, #"{"z":{"y":[{"x":1,"x":1}]}}"#] {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let token { headers[.authorization] = "Bearer \(token)" }
                    try await client.execute(
                        uri: operation.samplePath, method: .post, headers: headers,
                        body: ByteBuffer(string: isBatch ? "[\(object)]" : object)
                    ) { response in
                        let problem = try? JSONDecoder().decode(
                            ProblemDetails.self, from: Data(response.body.readableBytesView))
                        #expect(response.status == .badRequest, "\(operation) \(object)")
                        #expect(problem?.code == "duplicate-member", "\(operation) \(object)")
                    }
                }
            }
        }
        withExtendedLifetime(harness) {}
    }

    private static func citizenToken(_ harness: ServiceHarness) async throws -> String {
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Test Citizen"),
            phone: "+97336001234")
        let code = try require(try await harness.services.outbox.latest(limit: 1).first?.code)
        return try await harness.services.accounts.verify(nationalId: "900112345", code: code).token
    }
}
