import HealthServices
import Hummingbird

/// `/v1/cases` (operators follow cases up: list, read, note, assign) and `/v1/orders` (the isolation and quarantine
/// orders a citizen is under).
struct CaseController: Sendable {
    let cases: CaseService
    let orders: OrderService
    let guard_: RouteGuard

    static let staff: Set<Role> = [.operator, .admin]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("v1/cases", use: guard_.allow(Self.staff, list))
        router.get("v1/cases/:id", use: guard_.allow(Self.staff, show))
        router.post("v1/cases/:id/notes", use: guard_.allow(Self.staff, addNote))
        router.post("v1/cases/:id/assign", use: guard_.allow(Self.staff, assign))
        router.get("v1/orders", use: guard_.allow([.citizen, .operator, .admin], listOrders))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [CaseResponse]
    {
        let query = try request.queryParameters(allowing: ["state", "assignedTo", "since"])
        return try await cases.cases(state: query["state"], assignedTo: query["assignedTo"], since: query["since"])
            .map(CaseResponse.init)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsResponse
    {
        CaseDetailsResponse(try await cases.details(id: context.parameters.require("id")))
    }

    struct NoteBody: StrictJSONBody {
        let text: String
        enum CodingKeys: String, CodingKey, CaseIterable { case text }
    }

    @Sendable func addNote(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsResponse
    {
        let body = try await request.decodeStrict(NoteBody.self, context: context)
        return CaseDetailsResponse(
            try await cases.addNote(caseID: context.parameters.require("id"), text: body.text, by: principal))
    }

    struct AssignBody: StrictJSONBody {
        let `operator`: String
        enum CodingKeys: String, CodingKey, CaseIterable { case `operator` }
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsResponse
    {
        let body = try await request.decodeStrict(AssignBody.self, context: context)
        return CaseDetailsResponse(
            try await cases.assign(caseID: context.parameters.require("id"), to: body.operator, by: principal))
    }

    @Sendable func listOrders(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [OrderResponse]
    {
        let query = try request.queryParameters(allowing: ["personId"])
        return try await orders.orders(for: principal, personID: query["personId"]).map(OrderResponse.init)
    }
}

/// A case as the API shows it.
struct CaseResponse: ResponseEncodable, Hashable {
    let id: String
    let personId: String
    let onset: CalendarDate
    let state: Case.State
    let assignedTo: String?
    let openedAt: Timestamp
    let closedAt: Timestamp?
    let resultId: String?

    init(_ caseFile: Case) {
        id = caseFile.id
        personId = caseFile.personId
        onset = caseFile.onset
        state = caseFile.state
        assignedTo = caseFile.assignedTo
        openedAt = caseFile.openedAt
        closedAt = caseFile.closedAt
        resultId = caseFile.resultId
    }
}

/// A case with its notes log and its orders.
struct CaseDetailsResponse: ResponseEncodable, Hashable {
    struct Note: Codable, Hashable {
        let author: String
        let text: String
        let createdAt: Timestamp
    }

    let `case`: CaseResponse
    let notes: [Note]
    let orders: [OrderResponse]

    init(_ details: CaseService.Details) {
        `case` = CaseResponse(details.caseFile)
        notes = details.notes.map { Note(author: $0.author, text: $0.text, createdAt: $0.createdAt) }
        orders = details.orders.map(OrderResponse.init)
    }
}

/// An isolation or quarantine order as the API shows it: `endDate` is the first day free of it.
struct OrderResponse: ResponseEncodable, Hashable {
    let id: String
    let personId: String
    let caseId: String
    let kind: Order.Kind
    let startDate: CalendarDate
    let endDate: CalendarDate
    let state: Order.State
    let releasedAt: Timestamp?
    let releaseReason: String?

    init(_ order: Order) {
        id = order.id
        personId = order.personId
        caseId = order.caseId
        kind = order.kind
        startDate = order.startDate
        endDate = order.endDate
        state = order.state
        releasedAt = order.releasedAt
        releaseReason = order.releaseReason
    }
}
