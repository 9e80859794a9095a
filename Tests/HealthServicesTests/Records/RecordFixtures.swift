import Certificates
import Foundation

@testable import HealthServices

/// Staff principals, registered people and lab items for the record tests.
extension ServiceHarness {
    static let lab = Principal(role: .lab, name: "central-lab", personID: nil)
    static let vaccinator = Principal(role: .vaccinator, name: "nurse-1", personID: nil)

    /// Registers a person by operator (no app account).
    func person(_ nationalId: String, name: String = "Fatima Ali Hasan", born: String = "1985-02-11") async throws
        -> Person
    {
        let details = try services.accounts.checkedDetails(
            nationalId: nationalId, dateOfBirth: born, names: .init(name: name), phone: nil)
        return try require(try await services.accounts.register([details], by: operatorPrincipal).first)
    }

    /// One lab item, sampled `hoursAgo` hours before the harness clock and resulted now.
    func item(
        _ sampleId: String, _ nationalId: String, _ result: String, test: String = "pcr", hoursAgo: Int64 = 2,
        device: String? = nil
    ) throws -> Result<LabResultSubmission, ServiceError> {
        let now = clock.wallClock.now()
        return .success(
            try LabResultSubmission(
                sampleId: sampleId, nationalId: nationalId, test: test, result: result,
                sampledAt: now.adding(seconds: -hoursAgo * 3600).iso8601,
                resultedAt: result == "pending" ? nil : now.iso8601, device: device))
    }

    /// Verifies an HC1 string against the harness's own trust list, at the harness clock.
    func verify(_ hc1: String) async throws -> VerificationResult {
        try await services.certificates.verify(hc1, at: nil)
    }
}
