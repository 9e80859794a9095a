import Foundation
import HealthServices
public import Hummingbird

/// `/v1/lab/results` (labs upload batches) and `/v1/results` (what citizens see).
struct ResultController: Sendable {
    let results: ResultService
    let guard_: RouteGuard

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("v1/lab/results", use: guard_.allow([.lab, .admin], upload))
        router.get("v1/results", use: guard_.allow([.citizen, .operator, .admin], list))
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [LabResultOutcome]
    {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let items = try LabResultBatch.parse(Data(buffer.readableBytesView))
        return try await results.submit(items, by: principal)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [LabResultResponse]
    {
        let query = try request.queryParameters(allowing: ["personId"])
        return try await results.results(for: principal, personID: query["personId"]).map(LabResultResponse.init)
    }
}

extension LabResultOutcome: ResponseEncodable {}

/// A result as the API shows it, with its open verification code for the owner of a positive result.
struct LabResultResponse: ResponseEncodable, Hashable {
    struct Code: Codable, Hashable {
        let code: String
        let expiresAt: Timestamp
    }

    let id: String
    let sampleId: String
    let personId: String
    let test: LabResult.Test
    let result: LabResult.State
    let sampledAt: Timestamp
    let device: String?
    let resultedAt: Timestamp?
    let appointmentId: String?
    let version: Int
    let updatedAt: Timestamp
    let verificationCode: Code?

    init(_ view: LabResultView) {
        let result = view.result
        id = result.id
        sampleId = result.sampleId
        personId = result.personId
        test = result.test
        self.result = result.state
        sampledAt = result.sampledAt
        device = result.device
        resultedAt = result.resultedAt
        appointmentId = result.appointmentId
        version = result.version
        updatedAt = result.updatedAt
        verificationCode = view.verificationCode.map { Code(code: $0.code, expiresAt: $0.expiresAt) }
    }
}
