import Foundation
import HTTPTypes
import HealthServices
import Hummingbird

/// `/v1/exposure/…`: the anonymous upload routes (verify, certificate, publish), with chaff paced like real
/// answers, and the export files. No bearer token: the code, token or certificate is the credential. Nothing here
/// logs or stores who called; verify's limit on wrong codes (``CodeGuessGate``) holds client addresses in memory
/// for an hour.
struct ExposureController: Sendable {
    let uploads: ExposureUploadService
    let exports: ExposureExportService
    /// The header a proxy in front names the client's address in (see ``clientAddress(_:context:)``); nil when
    /// clients connect directly.
    let clientAddressHeader: HTTPField.Name?
    let pacer = ChaffPacer()
    let guesses = CodeGuessGate()

    /// Our paths, and the reference verification and key servers' (`/api/verify`, `/api/certificate`,
    /// `/v1/publish`) that their apps are configured with. An `X-API-Key` header is taken and not used: the code,
    /// token or certificate is the credential.
    func addRoutes(to router: Router<AppRequestContext>) {
        for path in ["v1/exposure/verify", "api/verify"] { router.post(RouterPath(path), use: verify) }
        for path in ["v1/exposure/certificate", "api/certificate"] { router.post(RouterPath(path), use: certificate) }
        for path in ["v1/exposure/publish", "v1/publish"] { router.post(RouterPath(path), use: publish) }
        router.get("v1/exposure/exports/index.txt", use: index)
        router.get("v1/exposure/exports/:file", use: file)
    }

    /// `accept`: the diagnoses the app can take (see ``AcceptedTestTypes``); `nonce`: the reference's for
    /// self-reports, which this server does not take, so it is read and not used.
    struct VerifyBody: StrictJSONBody {
        let code: String
        let accept: [String]?
        let nonce: String?
        let padding: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case code, accept, nonce, padding }
    }

    struct CertificateBody: StrictJSONBody {
        let token: String
        let ekeyhmac: String
        let padding: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case token, ekeyhmac, padding }
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(
            "verify", to: request, context: context, size: PaddedJSONResponse.verifyBytes, server: .verification,
            body: VerifyBody.self, chaff: { ExposureChaff.tokenGrant(at: uploads.clock.now()) },
            real: { body in
                let client = clientAddress(request, context: context)
                if let seconds = guesses.admit(client) {
                    throw APIError(
                        .tooManyRequests, code: ServiceError.Code.tooManyAttempts.rawValue,
                        detail: "Too many wrong codes from this address; try again later.", retryAfterSeconds: seconds)
                }
                do {
                    let grant = try await uploads.verify(
                        code: body.code, accepting: try body.accept.map(AcceptedTestTypes.init) ?? .all)
                    guesses.giveBack(client)
                    return grant
                } catch let error as ServiceError where error.code == .invalidVerificationCode {
                    throw error
                } catch {
                    guesses.giveBack(client)
                    throw error
                }
            })
    }

    /// Who a verify request came from, for ``CodeGuessGate``: the last address of `clientAddressHeader` when one is
    /// configured (a proxy appends the address it was reached from), else the connection's peer. Requests with
    /// neither share one allowance.
    func clientAddress(_ request: Request, context: AppRequestContext) -> String {
        if let clientAddressHeader {
            let named = request.headers[values: clientAddressHeader].last?.split(separator: ",").last
            return CodeGuessGate.allowance(of: named.map(String.init) ?? "")
        }
        return CodeGuessGate.allowance(of: context.peer?.ipAddress ?? "")
    }

    @Sendable func certificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(
            "certificate", to: request, context: context, size: PaddedJSONResponse.certificateBytes,
            server: .verification, body: CertificateBody.self,
            chaff: { ExposureChaff.certificateGrant(at: uploads.clock.now()) },
            real: { body in try await uploads.certificate(token: body.token, ekeyhmac: body.ekeyhmac) })
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(
            "publish", to: request, context: context, size: PaddedJSONResponse.publishBytes, server: .key,
            body: PublishRequest.self, chaff: { ExposureChaff.publishReceipt() },
            real: { body in try await uploads.publish(body) })
    }

    /// Both kinds of request read their body strictly from the same start; a chaff one then ignores it, makes
    /// `chaff()` and has it ready once about as long as a real one on its route takes has passed (see
    /// ``ChaffPacer``); a real one gets `real(body)`, and its time to the encoded answer goes to the pacer; a refused
    /// one gets its problem with the reference `server`'s members. All are padded to `size`.
    private func answer<Body: StrictJSONBody>(
        _ route: String, to request: Request, context: AppRequestContext, size: Int, server: ReferenceErrorCode.Server,
        body: Body.Type, chaff: () -> some Encodable, real: (Body) async throws -> some Encodable
    ) async throws -> Response {
        let started = ContinuousClock.now
        if ExposureChaff.isChaff(request) {
            // Chaff may carry any body: one that does not decode still gets its 200.
            _ = try? await request.decodeStrict(Body.self, context: context)
            let content = chaff()
            return try await pacer.pace(route: route, since: started) {
                try PaddedJSONResponse.response(content, size: size)
            }
        }
        do {
            let content = try await real(try await request.decodeStrict(Body.self, context: context))
            let response = try PaddedJSONResponse.response(content, size: size)
            pacer.record(.now - started, route: route)
            return response
        } catch {
            let problem = ProblemMiddleware<AppRequestContext>.problem(for: error, logger: context.logger)
            return try ReferenceProblem.response(problem, server: server, path: request.uri.path, size: size)
        }
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.serve(try await exports.index(), type: "text/plain; charset=utf-8", maxAge: 300, request: request)
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try context.parameters.require("file")
        guard let file = try await exports.file(named: name) else { throw APIError.notFound("No such export file.") }
        return Self.serve(file, type: "application/zip", maxAge: 31_536_000, request: request)
    }

    /// The file with its ETag and caching for a CDN: batch files never change, the index for a few minutes.
    /// A matching `If-None-Match` gets 304 without the body.
    private static func serve(_ file: ExportFile, type: String, maxAge: Int, request: Request) -> Response {
        var headers: HTTPFields = [
            .eTag: file.etag,
            .cacheControl: maxAge > 86_400 ? "public, max-age=\(maxAge), immutable" : "public, max-age=\(maxAge)",
        ]
        if let tags = request.headers[.ifNoneMatch],
            tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag })
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.contents)))
    }
}

/// A publish body is read strictly, like every other body: unknown members are refused.
extension PublishRequest: StrictJSONBody {}
