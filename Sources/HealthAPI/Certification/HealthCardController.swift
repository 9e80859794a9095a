import Certificates
import Foundation
import HealthServices
import Hummingbird

/// SMART Health Cards over HTTP: our issuer keys and revocation lists where verifiers look for them
/// (`/.well-known/jwks.json`, `/.well-known/crl/{kid}.json`), every trusted card issuer for the border page
/// (`/v1/health-card-issuers`), and a certificate's card as QR codes (`shc.svg`) and as a `.smart-health-card`
/// file (`health-card`).
struct HealthCardController: Sendable {
    let certificates: CertificateService
    let guard_: RouteGuard

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(".well-known/jwks.json", use: guard_.open(keySet))
        router.get(".well-known/crl/:file", use: guard_.open(revocationList))
        router.get("v1/health-card-issuers", use: guard_.open(issuers))
        router.get("v1/certificates/:id/shc.svg", use: guard_.allow(CertificateController.readers, qrCodes))
        router.get("v1/certificates/:id/health-card", use: guard_.allow(CertificateController.readers, file))
    }

    @Sendable func keySet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let keys = JSONWebKeySet(keys: try await certificates.ownHealthCardIssuer().keys)
        return CertificateController.response(Array(try Self.encoder.encode(keys)), contentType: "application/json")
    }

    @Sendable func revocationList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        guard file.hasSuffix(".json") else {
            throw ServiceError(.healthCardKeyNotFound, "There is no health card key with this kid.")
        }
        let list = try await certificates.healthCardRevocationList(kid: String(file.dropLast(".json".count)))
        return CertificateController.response(Array(try Self.encoder.encode(list)), contentType: "application/json")
    }

    @Sendable func issuers(_ request: Request, context: AppRequestContext) async throws -> Response {
        CertificateController.response(
            Array(try await certificates.healthCardIssuers().jsonData()), contentType: "application/json")
    }

    @Sendable func qrCodes(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> Response
    {
        let card = try await healthCard(context, principal)
        let codes = try HealthCardQR.texts(of: card).map { text throws(CertificateError) in
            try QRCode(healthCard: text)
        }
        return CertificateController.response(
            Array(QRCode.svg(stacking: codes).utf8), contentType: "image/svg+xml")
    }

    @Sendable func file(_ request: Request, context: AppRequestContext, principal: Principal) async throws
        -> Response
    {
        let card = try await healthCard(context, principal)
        var response = CertificateController.response(HealthCard.file([card]), contentType: HealthCard.fileMediaType)
        response.headers[.contentDisposition] = "attachment; filename=\"certificate.smart-health-card\""
        return response
    }

    /// The card of the certificate in the path, which the caller may read; a certificate issued before cards
    /// were has none.
    func healthCard(_ context: AppRequestContext, _ principal: Principal) async throws -> String {
        let certificate = try await certificates.certificate(id: context.parameters.require("id"), for: principal)
        guard let card = certificate.healthCard else {
            throw ServiceError(.noHealthCard, "This certificate was issued before SMART Health Cards were.")
        }
        return card
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
