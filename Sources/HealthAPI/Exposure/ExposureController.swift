import Foundation
import HTTPTypes
import HealthServices
import Hummingbird

/// `/v1/exposure/…`: the anonymous upload routes (verify, certificate, publish), with chaff, and the export
/// files. No bearer token: the code, token or certificate is the credential. Nothing here logs or stores
/// who called.
struct ExposureController: Sendable {
    let uploads: ExposureUploadService
    let exports: ExposureExportService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("v1/exposure/verify", use: verify)
        router.post("v1/exposure/certificate", use: certificate)
        router.post("v1/exposure/publish", use: publish)
        router.get("v1/exposure/exports/index.txt", use: index)
        router.get("v1/exposure/exports/:file", use: file)
    }

    struct VerifyBody: StrictJSONBody {
        let code: String
        let padding: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case code, padding }
    }

    struct CertificateBody: StrictJSONBody {
        let token: String
        let ekeyhmac: String
        let padding: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case token, ekeyhmac, padding }
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        if try await ExposureChaff.isChaff(request, context: context) {
            return try PaddedJSONResponse.response(
                ExposureChaff.tokenGrant(at: uploads.clock.now()), size: PaddedJSONResponse.verifyBytes)
        }
        let body = try await request.decodeStrict(VerifyBody.self, context: context)
        let grant = try await uploads.verify(code: body.code)
        return try PaddedJSONResponse.response(grant, size: PaddedJSONResponse.verifyBytes)
    }

    @Sendable func certificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        if try await ExposureChaff.isChaff(request, context: context) {
            return try PaddedJSONResponse.response(
                ExposureChaff.certificateGrant(at: uploads.clock.now()), size: PaddedJSONResponse.certificateBytes)
        }
        let body = try await request.decodeStrict(CertificateBody.self, context: context)
        let grant = try await uploads.certificate(token: body.token, ekeyhmac: body.ekeyhmac)
        return try PaddedJSONResponse.response(grant, size: PaddedJSONResponse.certificateBytes)
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        if try await ExposureChaff.isChaff(request, context: context) {
            return try PaddedJSONResponse.response(
                ExposureChaff.publishReceipt(), size: PaddedJSONResponse.publishBytes)
        }
        let body = try await request.decodeStrict(PublishRequest.self, context: context)
        let receipt = try await uploads.publish(body)
        return try PaddedJSONResponse.response(receipt, size: PaddedJSONResponse.publishBytes)
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
