import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// A staff token works until the second it expires and is refused at every route from then on (clock injected).
@Suite struct ExpiredTokenRoutesTests {
    @Test(arguments: StorageBackend.allCases) func anExpiredStaffTokenIsRefusedWith401(backend: StorageBackend)
        async throws
    {
        let harness = try await ServiceHarness(backend)
        let issued = try await harness.services.access.issueStaffToken(
            role: .operator, name: "op-expiring", validForMinutes: 60, by: harness.operatorPrincipal)
        let app = Application(
            router: try buildRouter(services: harness.services, registry: PrometheusCollectorRegistry()))
        try await app.test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(issued.secret)"]
            func status(_ path: String) async throws -> (HTTPResponse.Status, String?) {
                try await client.execute(uri: path, method: .get, headers: headers) { response in
                    let problem = try? JSONDecoder().decode(
                        ProblemDetails.self, from: Data(response.body.readableBytesView))
                    return (response.status, problem?.code)
                }
            }
            #expect(try await status("/v1/centres").0 == .ok)
            #expect(try await status("/v1/appointments").0 == .ok)
            harness.clock.advance(seconds: 3599)
            #expect(try await status("/v1/centres").0 == .ok)
            harness.clock.advance(seconds: 1)
            for path in ["/v1/centres", "/v1/appointments", "/v1/services"] {
                let (code, problem) = try await status(path)
                #expect(code == .unauthorized, "\(path)")
                #expect(problem == "invalid-token", "\(path)")
            }
        }
    }
}
