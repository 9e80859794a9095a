import HealthServices
public import Hummingbird

/// `/v1/accounts` (enrolment by one-time code), `/v1/people` and `/v1/dependants`.
struct AccountController: Sendable {
    let accounts: AccountService
    let guard_: RouteGuard

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("v1/accounts", use: guard_.open(enrol))
        router.post("v1/accounts/verify", use: guard_.open(verify))
        router.get("v1/people", use: guard_.allow([.citizen], people))
        router.post("v1/people", use: guard_.allow([.operator, .admin], register))
        router.post("v1/dependants", use: guard_.allow([.citizen], addDependant))
    }

    struct EnrolmentBody: StrictJSONBody, PersonNameBody {
        let nationalId: String
        let dateOfBirth: String
        let name, familyName, givenName, familyNameLatin, givenNameLatin: String?
        let phone: String
        enum CodingKeys: String, CodingKey, CaseIterable {
            case nationalId, dateOfBirth, name, familyName, givenName, familyNameLatin, givenNameLatin, phone
        }
    }

    struct EnrolmentAccepted: ResponseEncodable {
        let status: String
    }

    @Sendable func enrol(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<
        EnrolmentAccepted
    > {
        let body = try await request.decodeStrict(EnrolmentBody.self, context: context)
        try await accounts.enrol(
            nationalId: body.nationalId, dateOfBirth: body.dateOfBirth, names: body.names, phone: body.phone)
        return EditedResponse(status: .accepted, response: EnrolmentAccepted(status: "code-sent"))
    }

    struct VerificationBody: StrictJSONBody {
        let nationalId: String
        let code: String
        enum CodingKeys: String, CodingKey, CaseIterable { case nationalId, code }
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> CitizenSession {
        let body = try await request.decodeStrict(VerificationBody.self, context: context)
        return try await accounts.verify(nationalId: body.nationalId, code: body.code)
    }

    @Sendable func people(_ request: Request, context: AppRequestContext, principal: Principal) async throws -> [Person]
    {
        try await accounts.people(visibleTo: principal)
    }

    struct RegistrationBody: StrictJSONBody, PersonNameBody {
        let nationalId: String
        let dateOfBirth: String
        let name, familyName, givenName, familyNameLatin, givenNameLatin: String?
        let phone: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case nationalId, dateOfBirth, name, familyName, givenName, familyNameLatin, givenNameLatin, phone
        }
    }

    @Sendable func register(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<Person>
    {
        let body = try await request.decodeStrict(RegistrationBody.self, context: context)
        let details = try accounts.checkedDetails(
            nationalId: body.nationalId, dateOfBirth: body.dateOfBirth, names: body.names, phone: body.phone)
        let people = try await accounts.register([details], by: principal)
        return EditedResponse(status: .created, response: people[0])
    }

    struct DependantBody: StrictJSONBody, PersonNameBody {
        let nationalId: String
        let dateOfBirth: String
        let name, familyName, givenName, familyNameLatin, givenNameLatin: String?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case nationalId, dateOfBirth, name, familyName, givenName, familyNameLatin, givenNameLatin
        }
    }

    @Sendable func addDependant(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> EditedResponse<Person>
    {
        let body = try await request.decodeStrict(DependantBody.self, context: context)
        let person = try await accounts.addDependant(
            nationalId: body.nationalId, dateOfBirth: body.dateOfBirth, names: body.names, by: principal)
        return EditedResponse(status: .created, response: person)
    }
}

extension Person: ResponseEncodable {}
extension CitizenSession: ResponseEncodable {}

/// A request body with the name fields: the single `name` old clients send, or the register's parts.
protocol PersonNameBody {
    /// The one name older clients send: split into parts when no `familyName` comes with it, else the name shown.
    var name: String? { get }
    /// The register's parts, then their forms in Latin letters, which certificates carry beside them.
    var familyName: String? { get }
    var givenName: String? { get }
    var familyNameLatin: String? { get }
    var givenNameLatin: String? { get }
}

extension PersonNameBody {
    var names: PersonNameFields {
        PersonNameFields(
            name: name, familyName: familyName, givenName: givenName, familyNameLatin: familyNameLatin,
            givenNameLatin: givenNameLatin)
    }
}
