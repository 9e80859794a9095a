import HealthServices
public import Hummingbird

/// `/v1/services` (the catalogue), `/v1/centres` and `/v1/slots`.
struct SchedulingController: Sendable {
    let scheduling: SchedulingService
    let guard_: RouteGuard

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("v1/services", use: guard_.allow(RouteGuard.anyone, careServices))
        router.post("v1/services", use: guard_.allow([.operator, .admin], addCareService))
        router.get("v1/centres", use: guard_.allow(RouteGuard.anyone, centres))
        router.post("v1/centres", use: guard_.allow([.operator, .admin], addCentre))
        router.get("v1/slots", use: guard_.allow([.citizen, .vaccinator, .operator, .admin], searchSlots))
        router.post("v1/slots", use: guard_.allow([.operator, .admin], createSlots))
    }

    @Sendable func careServices(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [CareService]
    {
        try await scheduling.careServices()
    }

    struct CareServiceBody: StrictJSONBody {
        let id: String
        let name: String
        let kind: String
        let productCode: String?
        let minimumDaysBetweenDoses: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case id, name, kind, productCode, minimumDaysBetweenDoses }
    }

    @Sendable func addCareService(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<CareService>
    {
        let body = try await request.decodeStrict(CareServiceBody.self, context: context)
        let service = try await scheduling.addCareService(
            id: body.id, name: body.name, kind: body.kind, productCode: body.productCode,
            minimumDaysBetweenDoses: body.minimumDaysBetweenDoses, by: principal
        )
        return EditedResponse(status: .created, response: service)
    }

    @Sendable func centres(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [Centre]
    {
        try await scheduling.centres()
    }

    struct CentreBody: StrictJSONBody {
        let name: String
        let area: String
        let services: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case name, area, services }
    }

    @Sendable func addCentre(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<Centre>
    {
        let body = try await request.decodeStrict(CentreBody.self, context: context)
        let centre = try await scheduling.addCentre(
            name: body.name, area: body.area, services: body.services ?? [], by: principal)
        return EditedResponse(status: .created, response: centre)
    }

    static let searchParameters: Set<String> = ["service", "centre", "area", "from", "to", "limit"]

    /// Staff see full slots too, citizens open future ones only.
    @Sendable func searchSlots(_ request: Request, context: AppRequestContext, principal: Principal)
        async throws -> SlotListResponse
    {
        let query = try request.queryParameters(allowing: Self.searchParameters)
        let slots = try await scheduling.searchSlots(
            service: query["service"], centre: query["centre"], area: query["area"], from: query["from"],
            to: query["to"], limit: query["limit"], includeFull: principal.isStaff)
        return SlotListResponse(slots: slots)
    }

    struct SlotScheduleBody: StrictJSONBody {
        let centreId: String
        let service: String
        let from: String
        let to: String
        let every: String
        let capacity: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case centreId, service, from, to, every, capacity }
    }

    struct SlotsCreated: ResponseEncodable {
        let created: Int
    }

    @Sendable func createSlots(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<SlotsCreated>
    {
        let body = try await request.decodeStrict(SlotScheduleBody.self, context: context)
        let schedule = try SlotSchedule(
            centreId: body.centreId, service: body.service, from: body.from, to: body.to, every: body.every,
            capacity: body.capacity
        )
        let created = try await scheduling.createSlots(schedule, by: principal)
        return EditedResponse(status: .created, response: SlotsCreated(created: created))
    }
}

extension CareService: ResponseEncodable {}
extension Centre: ResponseEncodable {}
extension Slot: ResponseEncodable {}
