import HealthServices
import Hummingbird

/// `/v1/vaccinations`: vaccinators record doses at checked-in appointments, operators record doses given
/// abroad, citizens list theirs.
struct VaccinationController: Sendable {
    let vaccinations: VaccinationService
    let guard_: RouteGuard

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("v1/vaccinations", use: guard_.allow([.vaccinator, .operator, .admin], record))
        router.post("v1/vaccinations/abroad", use: guard_.allow([.operator, .admin], recordAbroad))
        router.get("v1/vaccinations", use: guard_.allow([.citizen, .operator, .admin], list))
    }

    struct DoseBody: StrictJSONBody {
        let appointmentId: String
        let lot: String
        let doseNumber: Int
        let totalDoses: Int
        let administeredAt: String
        enum CodingKeys: String, CodingKey, CaseIterable {
            case appointmentId, lot, doseNumber, totalDoses, administeredAt
        }
    }

    @Sendable func record(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<VaccinationResponse>
    {
        let body = try await request.decodeStrict(DoseBody.self, context: context)
        let (vaccination, certificate) = try await vaccinations.record(
            appointmentID: body.appointmentId, lot: body.lot, doseNumber: body.doseNumber,
            totalDoses: body.totalDoses, administeredAt: body.administeredAt, by: principal)
        return EditedResponse(
            status: .created,
            response: VaccinationResponse(
                vaccination, certificateId: certificate.issued?.id, certificateWaiting: certificate.waiting?.reason))
    }

    struct AbroadBody: StrictJSONBody {
        let nationalId: String
        let service: String
        let country: String
        let doseNumber: Int
        let totalDoses: Int
        let administeredAt: String
        let lot: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case nationalId, service, country, doseNumber, totalDoses, administeredAt, lot
        }
    }

    @Sendable func recordAbroad(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<VaccinationResponse>
    {
        let body = try await request.decodeStrict(AbroadBody.self, context: context)
        let vaccination = try await vaccinations.recordAbroad(
            nationalId: body.nationalId, service: body.service, country: body.country, doseNumber: body.doseNumber,
            totalDoses: body.totalDoses, administeredAt: body.administeredAt, lot: body.lot, by: principal)
        return EditedResponse(
            status: .created, response: VaccinationResponse(vaccination, certificateId: nil, certificateWaiting: nil))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [VaccinationResponse]
    {
        let query = try request.queryParameters(allowing: ["personId"])
        return try await vaccinations.vaccinations(for: principal, personID: query["personId"]).map {
            VaccinationResponse($0, certificateId: nil, certificateWaiting: nil)
        }
    }
}

/// A dose as the API shows it; `certificateId` is set in the answer to recording it, or `certificateWaiting`
/// (`name-needs-latin-form`, `signer-needed`) when the certificate waits for the holder's Latin name or a document
/// signer.
struct VaccinationResponse: ResponseEncodable, Hashable {
    let id: String
    let certificateId: String?
    let certificateWaiting: String?
    let personId: String
    let service: String
    let appointmentId: String?
    let doseNumber: Int
    let totalDoses: Int
    let administeredAt: Timestamp
    let lot: String?
    let country: String
    let centreId: String?

    init(_ vaccination: Vaccination, certificateId: String?, certificateWaiting: String?) {
        id = vaccination.id
        self.certificateId = certificateId
        self.certificateWaiting = certificateWaiting
        personId = vaccination.personId
        service = vaccination.service
        appointmentId = vaccination.appointmentId
        doseNumber = vaccination.doseNumber
        totalDoses = vaccination.totalDoses
        administeredAt = vaccination.administeredAt
        lot = vaccination.lot
        country = vaccination.country
        centreId = vaccination.centreId
    }
}
