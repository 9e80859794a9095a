import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// Every operation of the OpenAPI document against a real server (loopback, port 0), with no token, a malformed
/// header, an unknown, a revoked and an expired token, and a live token of each role. The expected answer comes
/// from the document's `x-roles` alone: any bad token is 401; a role not listed is 403 `forbidden-role`; a listed
/// role gets past the guard (neither 401 nor 403); an operation with no `x-roles` is open to every caller.
@Suite struct AuthorizationMatrixTests {
    /// One way of calling: the `Authorization` header it sends (nil for none) and the role behind it, if live.
    private struct Caller: CustomStringConvertible {
        let description: String
        let authorization: String?
        let role: Role?
    }

    private struct Outcome: CustomStringConvertible {
        let status: Int
        let code: String?
        var description: String { "\(status) \(code ?? "-")" }
    }

    @Test func everyOperationAnswersEachCallerAsItsRolesSay() async throws {
        let harness = try await ServiceHarness()
        let callers = try await Self.callers(harness)
        let operations = try AuthorizationMatrix.operations()
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        let cases = try await app.test(.live) { client in
            var cases = 0
            for operation in operations {
                for caller in callers {
                    let outcome = try await Self.call(operation, as: caller, client: client)
                    cases += 1
                    let expected = operation.expectation(for: caller.role, hasToken: caller.authorization != nil)
                    #expect(
                        expected.allows(outcome.status, code: outcome.code), "\(operation) as \(caller): \(outcome)")
                }
            }
            return cases
        }
        #expect(operations.count == 62)
        #expect(cases == operations.count * callers.count)
    }

    /// The callers: no token, bad ones, and one live token per role.
    private static func callers(_ harness: ServiceHarness) async throws -> [Caller] {
        let access = harness.services.access
        let admin = harness.operatorPrincipal
        let revoked = try await access.issueStaffToken(role: .admin, name: "revoked", validForMinutes: 60, by: admin)
        try await access.revoke(tokenID: revoked.record.id, by: admin)
        let expiring = try await access.issueStaffToken(role: .admin, name: "expiring", validForMinutes: 1, by: admin)
        var callers = [
            Caller(description: "no token", authorization: nil, role: nil),
            Caller(description: "malformed header", authorization: "Basic YWRtaW46YWRtaW4=", role: nil),
            Caller(
                description: "unknown token", authorization: "Bearer hs_\(String(repeating: "0", count: 43))", role: nil
            ),
            Caller(description: "revoked admin token", authorization: "Bearer \(revoked.secret)", role: nil),
            Caller(description: "expired admin token", authorization: "Bearer \(expiring.secret)", role: nil),
        ]
        for role in Role.staff.sorted(by: { $0.rawValue < $1.rawValue }) {
            let token = try await access.issueStaffToken(
                role: role, name: role.rawValue, validForMinutes: 600, by: admin)
            callers.append(Caller(description: role.rawValue, authorization: "Bearer \(token.secret)", role: role))
        }
        try await harness.services.accounts.enrol(
            nationalId: "900112345", dateOfBirth: "1990-05-17", names: .init(name: "Matrix Citizen"),
            phone: "+97336001234")
        let code = try require(try await harness.services.outbox.latest(limit: 1).first?.code)
        let session = try await harness.services.accounts.verify(nationalId: "900112345", code: code)
        callers.append(Caller(description: "citizen", authorization: "Bearer \(session.token)", role: .citizen))
        harness.clock.advance(seconds: 60)
        return callers
    }

    private static func call(
        _ operation: AuthorizationMatrix.Operation, as caller: Caller, client: any TestClientProtocol
    )
        async throws -> Outcome
    {
        var headers: HTTPFields = [:]
        if let authorization = caller.authorization { headers[.authorization] = authorization }
        var body: ByteBuffer?
        if operation.method == .post {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: "{}")
        }
        return try await client.execute(
            uri: operation.samplePath, method: operation.method, headers: headers, body: body
        ) { response in
            let problem = try? JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView))
            return Outcome(status: response.status.code, code: problem?.code)
        }
    }
}
