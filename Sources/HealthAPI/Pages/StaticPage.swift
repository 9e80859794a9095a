import CryptoCore
import Foundation
import HTTPTypes
import Hummingbird

/// The files of one of the server's own pages (`Resources/<folder>`), read once at start-up and served with a
/// strong ETag, `Cache-Control: no-cache` and a Content-Security-Policy that lets only the page's own files run.
struct StaticPage: Sendable {
    /// One file with the headers it is served with.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        /// A strong validator of the content, so a browser revalidates with a 304 instead of downloading again.
        let entityTag: String
    }

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
    ]
    /// Only the page's own files may run, load or be fetched; the camera is the one device it may ask for.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        .xContentTypeOptions: "nosniff",
        referrerPolicy: "no-referrer",
        permissionsPolicy: "camera=(self), microphone=(), geolocation=()",
    ]
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!

    let assets: [String: Asset]

    /// Reads the folder's files; `transform` may rewrite one file's text (a value the page is given).
    init(folder: String, required: [String], transform: (String, [UInt8]) -> [UInt8] = { $1 }) throws {
        guard let directory = Bundle.module.url(forResource: folder, withExtension: nil) else {
            throw APIError(.internalServerError, code: "page-missing", detail: "The \(folder) page is not bundled.")
        }
        var assets: [String: Asset] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            guard let contentType = Self.contentTypes[URL(fileURLWithPath: file).pathExtension] else { continue }
            let bytes = transform(file, Array(try Data(contentsOf: directory.appendingPathComponent(file))))
            let digest = Hex.encode(SHA256.hash(bytes).prefix(12))
            assets[file] = Asset(body: ByteBuffer(bytes: bytes), contentType: contentType, entityTag: "\"\(digest)\"")
        }
        guard required.allSatisfy({ assets[$0] != nil }) else {
            throw APIError(.internalServerError, code: "page-missing", detail: "The \(folder) page is incomplete.")
        }
        self.assets = assets
    }

    /// The file, or 304 when the request already holds it; `extra` headers are added.
    func serve(_ name: String, for request: Request, extra: HTTPFields = [:]) throws -> Response {
        guard let asset = assets[name] else { throw APIError.notFound() }
        var headers = Self.securityHeaders
        headers[.contentType] = asset.contentType
        headers[.eTag] = asset.entityTag
        // Always revalidated: a fixed page reaches every browser at once.
        headers[.cacheControl] = "no-cache"
        headers.append(contentsOf: extra)
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == asset.entityTag
        }) == true {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: asset.body))
    }
}
