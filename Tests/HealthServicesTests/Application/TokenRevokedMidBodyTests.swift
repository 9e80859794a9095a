import Foundation
import HealthSQLite
import HealthServices
import Testing

@testable import HealthAPI

/// A token revoked while its request's body is still arriving acts on nothing: the route checks the token again
/// once the body is in (a live server, the body sent a byte at a time).
@Suite struct TokenRevokedMidBodyTests {
    @Test func aWriteWhoseTokenIsRevokedBeforeItsBodyEndsIsRefused() async throws {
        let services = try HealthServiceSet(.memory)
        let issued = try await services.access.issueStaffToken(
            role: .operator, name: "ops-1", validForMinutes: 60, by: .system)
        let body = Array(#"{"name":"Late Centre","area":"Capital","services":[]}"#.utf8)
        let head = Array(
            """
            POST /v1/centres HTTP/1.1\r
            Host: localhost\r
            Authorization: Bearer \(issued.secret)\r
            Content-Type: application/json\r
            Content-Length: \(body.count)\r
            Connection: close\r
            \r

            """.utf8)
        let limits = ConnectionLimits(
            idleTimeout: .seconds(10), requestHeadTimeout: .seconds(5), requestBodyTimeout: .seconds(10),
            maxConnections: 64)
        try await ConnectionLimitsTests.withLiveServer(limits, services: services) { port in
            async let outcome = RawConnection(port: port).run(sending: head, trickling: body, every: 0.02, limit: 8)
            try await Task.sleep(for: .milliseconds(300))
            try await services.access.revoke(tokenID: issued.record.id, by: .system)
            let answer = ConnectionLimitsTests.answer(await outcome)
            #expect(answer.hasPrefix("HTTP/1.1 401"), "\(answer.prefix(200))")
        }
        #expect(try await services.scheduling.centres().isEmpty, "no centre was made")
    }
}
