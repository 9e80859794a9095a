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
        -> CaseDetailsResponse
    {
        let body = try await request.decodeStrict(ContactsBody.self, context: context)
        return CaseDetailsResponse(
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
        let query = try request.queryParameters(allowing: ["personId", "missed"])
        if let day = query["missed"] {
            guard principal.personID == nil else {
                throw ServiceError(.unknownParameter, "The query parameter 'missed' is for staff.")
            }
            return try await orders.missedCheckIns(on: day).map { OrderResponse($0, nextCheckIn: nil) }
        }
        var listed: [OrderResponse] = []
        for order in try await orders.orders(for: principal, personID: query["personId"]) {
            listed.append(OrderResponse(order, nextCheckIn: try await orders.nextCheckIn(of: order)))
        }
        return listed
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
    let linkedCaseId: String?

    init(_ caseFile: Case) {
        id = caseFile.id
        personId = caseFile.personId
        onset = caseFile.onset
        state = caseFile.state
        assignedTo = caseFile.assignedTo
        openedAt = caseFile.openedAt
        closedAt = caseFile.closedAt
        resultId = caseFile.resultId
        linkedCaseId = caseFile.linkedCaseId
    }
}

/// A case with its notes log and its orders.
struct CaseDetailsResponse: ResponseEncodable, Hashable {
    struct Note: Codable, Hashable {
        let author: String
        let text: String
        let createdAt: Timestamp
    }

    /// A contact as operators see it.
    struct ContactView: Codable, Hashable {
        let id: String
        let name: String?
        let phone: String?
        let nationalId: String?
        let personId: String?
        let lastContact: CalendarDate
        let setting: String?
        let orderId: String?
        let addedBy: String
    }

    let `case`: CaseResponse
    let notes: [Note]
    let contacts: [ContactView]
    let orders: [OrderResponse]

    init(_ details: CaseService.Details) {
        `case` = CaseResponse(details.caseFile)
        notes = details.notes.map { Note(author: $0.author, text: $0.text, createdAt: $0.createdAt) }
        contacts = details.contacts.map {
            ContactView(
                id: $0.id, name: $0.name, phone: $0.phone, nationalId: $0.nationalId, personId: $0.personId,
                lastContact: $0.lastContact, setting: $0.setting, orderId: $0.orderId, addedBy: $0.addedBy)
        }
        orders = details.orders.map { OrderResponse($0, nextCheckIn: nil) }
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
    let extendedDays: Int
    let flagged: Bool
    /// The day the next check-in is due, while the order runs.
    let nextCheckIn: CalendarDate?

    init(_ order: Order, nextCheckIn: CalendarDate?) {
        id = order.id
        personId = order.personId
        caseId = order.caseId
        kind = order.kind
        startDate = order.startDate
        endDate = order.endDate
        state = order.state
        releasedAt = order.releasedAt
        releaseReason = order.releaseReason
        extendedDays = order.extendedDays
        flagged = order.flagged
        self.nextCheckIn = nextCheckIn
    }
}

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
