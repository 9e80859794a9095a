import Certificates
import Foundation
import HTTPTypes
import HealthServices
public import Hummingbird

/// `/v1/certificates` (citizens download theirs; operators revoke), `/v1/verify` (verifiers), and the public
/// lists verifiers keep offline: `/v1/trust-list`, `/v1/revocation-list`, `/v1/value-sets` and `/v1/rules`.
struct CertificateController: Sendable {
    let certificates: CertificateService
    let guard_: RouteGuard

    static let readers: Set<Role> = [.citizen, .operator, .admin]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("v1/certificates", use: guard_.allow(Self.readers, list))
        router.get("v1/certificates/:id", use: guard_.allow(Self.readers, show))
        router.get("v1/certificates/:id/qr.svg", use: guard_.allow(Self.readers, qrCode))
        router.post("v1/certificates/:id/revoke", use: guard_.allow([.operator, .admin], revoke))
        router.post("v1/verify", use: guard_.allow([.verifier, .admin], verify))
        router.get("v1/trust-list", use: guard_.open(trustList))
        router.get("v1/revocation-list", use: guard_.open(revocationList))
        router.get("v1/value-sets", use: guard_.open(valueSets))
        router.get("v1/rules", use: guard_.open(rules))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> [CertificateView]
    {
        let query = try request.queryParameters(allowing: ["personId"])
        let waiting = try await certificates.waitingCertificates(for: principal, personID: query["personId"])
        let issued = try await certificates.certificates(for: principal, personID: query["personId"])
        return waiting.map(CertificateView.init(waiting:)) + issued.map { CertificateView($0) }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CertificateView
    {
        let certificate = try await certificates.certificate(id: context.parameters.require("id"), for: principal)
        return CertificateView(certificate, payload: try certificates.payload(of: certificate))
    }

    @Sendable func qrCode(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> Response
    {
        let certificate = try await certificates.certificate(id: context.parameters.require("id"), for: principal)
        let svg = try QRCode(alphanumeric: certificate.hc1).svg()
        return Self.response(Array(svg.utf8), contentType: "image/svg+xml")
    }

    struct RevocationBody: StrictJSONBody {
        let reason: String
        enum CodingKeys: String, CodingKey, CaseIterable { case reason }
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> CertificateView
    {
        let body = try await request.decodeStrict(RevocationBody.self, context: context)
        let id = try context.parameters.require("id")
        return CertificateView(try await certificates.revoke(id: id, reason: body.reason, by: principal))
    }

    struct VerifyBody: StrictJSONBody {
        let hc1: String?
        /// A card's QR text, or every chunk of one.
        let shc: OneOrMany?
        let at: String?
        let country: String?
        let language: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case hc1, shc, at, country, language }
    }

    /// A string, or an array of strings.
    enum OneOrMany: Decodable {
        case one(String)
        case many([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .one(text)
            } else {
                self = .many(try container.decode([String].self))
            }
        }

        var texts: [String] {
            switch self {
            case .one(let text): [text]
            case .many(let texts): texts
            }
        }
    }

    /// Answers exactly the JSON `healthctl cert verify --json` prints, valid or not (200 either way): for `hc1` an
    /// EU DCC's checks, for `shc` a SMART Health Card's.
    @Sendable func verify(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> Response
    {
        let body = try await request.decodeStrict(VerifyBody.self, context: context)
        var date: Date?
        if let at = body.at {
            guard let parsed = ISO8601.parse(at) else {
                throw ServiceError(.invalidTimestamp, "at must be an ISO 8601 date-time with a zone.")
            }
            date = parsed
        }
        switch (body.hc1, body.shc) {
        case (let hc1?, nil):
            let result = try await certificates.verify(
                hc1, at: date, destination: body.country, language: body.language)
            return Self.response(Array(try result.jsonData()), contentType: "application/json")
        case (nil, let card?):
            guard !card.texts.isEmpty, card.texts.count <= 99 else {
                throw ServiceError(.invalidVerifyRequest, "shc is a card's QR text or an array of 1 to 99 chunks.")
            }
            let result = try await certificates.verify(
                healthCard: card.texts, at: date, destination: body.country, language: body.language)
            return Self.response(Array(try result.jsonData()), contentType: "application/json")
        default:
            throw ServiceError(
                .invalidVerifyRequest, "Give exactly one of hc1 (an EU DCC) and shc (a SMART Health Card).")
        }
    }

    /// Our signers and the imported ones, with an ETag: a verifier that has the list gets a 304.
    @Sendable func trustList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (json, entityTag) = try await certificates.trustList()
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == entityTag
        }) == true {
            return Response(status: .notModified, headers: [.eTag: entityTag])
        }
        var response = Self.response(Array(json), contentType: "application/json")
        response.headers[.eTag] = entityTag
        return response
    }

    @Sendable func revocationList(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.response(Array(try await certificates.revocationList().jsonData()), contentType: "application/json")
    }

    @Sendable func valueSets(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.response(
            Array(try JSONEncoder().encode(try await certificates.valueSets().json)), contentType: "application/json")
    }

    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try request.queryParameters(allowing: ["country"])
        let rules = try await certificates.entryRulesJSON(country: query["country"])
        return Self.response(Array(try JSONEncoder().encode(rules)), contentType: "application/json")
    }

    static func response(_ bytes: [UInt8], contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension CertificateView: ResponseEncodable {}
