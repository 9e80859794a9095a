import HealthServices
public import Hummingbird

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
        router.post("v1/cases/mine/contacts", use: guard_.allow([.citizen], addOwnContacts))
        router.post("v1/cases/:id/contacts", use: guard_.allow(Self.staff, addContacts))
        router.get("v1/orders", use: guard_.allow([.citizen, .operator, .admin], listOrders))
        router.post("v1/orders/:id/check-ins", use: guard_.allow([.citizen, .admin], checkIn))
    }

    struct ContactBody: StrictJSONBody {
        let name: String
        let phone: String?
        let nationalId: String?
        let lastContact: String
        let setting: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case name, phone, nationalId, lastContact, setting }

        var input: CaseService.ContactInput {
            CaseService.ContactInput(
                name: name, phone: phone, nationalId: nationalId, lastContact: lastContact, setting: setting)
        }
    }

    struct ContactsBody: StrictJSONBody {
        let contacts: [StrictJSONObject<ContactBody>]
        enum CodingKeys: String, CodingKey, CaseIterable { case contacts }

        var inputs: [CaseService.ContactInput] { contacts.map(\.body.input) }
    }

    /// How many contacts a citizen's call added; nothing of who they are, or of any order they were given.
    struct ContactsAdded: ResponseEncodable {
        let added: Int
    }

    @Sendable func addOwnContacts(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<ContactsAdded>
    {
        let body = try await request.decodeStrict(ContactsBody.self, context: context)
        _ = try await cases.addContacts(body.inputs, caseID: nil, by: principal)
        return EditedResponse(status: .created, response: ContactsAdded(added: body.contacts.count))
    }

    @Sendable func addContacts(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsView
    {
        let body = try await request.decodeStrict(ContactsBody.self, context: context)
        return CaseDetailsView(
            try await cases.addContacts(body.inputs, caseID: context.parameters.require("id"), by: principal))
    }

    struct CheckInBody: StrictJSONBody {
        let symptoms: [String]
        let temperature: Double?
        enum CodingKeys: String, CodingKey, CaseIterable { case symptoms, temperature }
    }

    @Sendable func checkIn(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<CheckInResponse>
    {
        let body = try await request.decodeStrict(CheckInBody.self, context: context)
        let checkIn = try await orders.checkIn(
            orderID: context.parameters.require("id"), symptoms: body.symptoms, temperature: body.temperature,
            by: principal)
        return EditedResponse(status: .created, response: CheckInResponse(checkIn))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [Case]
    {
        let query = try request.queryParameters(allowing: ["state", "assignedTo", "since", "limit"])
        return try await cases.cases(
            state: query["state"], assignedTo: query["assignedTo"], since: query["since"],
            limit: try CaseService.listLimit.checked(text: query["limit"]))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsView
    {
        CaseDetailsView(try await cases.details(id: context.parameters.require("id")))
    }

    struct NoteBody: StrictJSONBody {
        let text: String
        enum CodingKeys: String, CodingKey, CaseIterable { case text }
    }

    @Sendable func addNote(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsView
    {
        let body = try await request.decodeStrict(NoteBody.self, context: context)
        return CaseDetailsView(
            try await cases.addNote(caseID: context.parameters.require("id"), text: body.text, by: principal))
    }

    struct AssignBody: StrictJSONBody {
        let `operator`: String
        enum CodingKeys: String, CodingKey, CaseIterable { case `operator` }
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CaseDetailsView
    {
        let body = try await request.decodeStrict(AssignBody.self, context: context)
        return CaseDetailsView(
            try await cases.assign(caseID: context.parameters.require("id"), to: body.operator, by: principal))
    }

    @Sendable func listOrders(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [OrderView]
    {
        let query = try request.queryParameters(allowing: ["personId", "missed", "limit"])
        if let day = query["missed"] {
            guard principal.personID == nil else {
                throw ServiceError(.unknownParameter, "The query parameter 'missed' is for staff.")
            }
            let limit = try OrderService.missedListLimit.checked(text: query["limit"])
            return try await orders.missedCheckIns(on: day, limit: limit).map { OrderView($0) }
        }
        guard query["limit"] == nil else {
            throw ServiceError(.unknownParameter, "The query parameter 'limit' goes with 'missed'.")
        }
        return try await orders.orderViews(for: principal, personID: query["personId"])
    }
}

extension Case: ResponseEncodable {}
extension CaseDetailsView: ResponseEncodable {}
extension OrderView: ResponseEncodable {}

/// One day's check-in.
struct CheckInResponse: ResponseEncodable, Hashable {
    let orderId: String
    let day: CalendarDate
    let symptoms: [String]
    let temperature: Double?

    init(_ checkIn: CheckIn) {
        orderId = checkIn.orderId
        day = checkIn.day
        symptoms = checkIn.symptoms
        temperature = checkIn.temperature
    }
}
