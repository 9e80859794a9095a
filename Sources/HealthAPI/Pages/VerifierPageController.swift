import CryptoCore
import Foundation
import HTTPTypes
import Hummingbird

/// Serves the border verifier page (`GET /verifier`) and its scripts, styles and service worker
/// (`GET /verifier/{file}`), shipped as the target's `Resources/verifier` files and read once at start-up, the page
/// given the server's country as the destination a check defaults to (`data-country`). The page checks certificates
/// in the browser against the lists it downloads; the server never sees what it scans.
struct VerifierPageController: Sendable {
    /// One file of the page with the headers it is served with.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        /// A strong validator of the content, so a browser revalidates with a 304 instead of downloading again.
        let entityTag: String
    }

    static let pageName = "index.html"
    static let serviceWorkerName = "sw.js"
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
    static let serviceWorkerAllowed = HTTPField.Name("Service-Worker-Allowed")!

    let assets: [String: Asset]

    /// The page's placeholder for the server's country.
    static let countryPlaceholder = "data-country=\"\""

    init(country: String) throws {
        guard let directory = Bundle.module.url(forResource: "verifier", withExtension: nil) else {
            throw APIError(.internalServerError, code: "verifier-missing", detail: "The verifier page is not bundled.")
        }
        var assets: [String: Asset] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            guard let contentType = Self.contentTypes[URL(fileURLWithPath: file).pathExtension] else { continue }
            var bytes = Array(try Data(contentsOf: directory.appendingPathComponent(file)))
            if file == Self.pageName {
                let page = String(decoding: bytes, as: UTF8.self)
                bytes = Array(
                    page.replacingOccurrences(of: Self.countryPlaceholder, with: "data-country=\"\(country)\"").utf8)
            }
            let digest = Hex.encode(SHA256.hash(bytes).prefix(12))
            assets[file] = Asset(body: ByteBuffer(bytes: bytes), contentType: contentType, entityTag: "\"\(digest)\"")
        }
        guard assets[Self.pageName] != nil, assets[Self.serviceWorkerName] != nil else {
            throw APIError(.internalServerError, code: "verifier-missing", detail: "The verifier page is incomplete.")
        }
        self.assets = assets
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("verifier") { request, _ in try serve(Self.pageName, for: request) }
        router.get("verifier/:file") { request, context in try serve(context.parameters.require("file"), for: request) }
    }

    func serve(_ name: String, for request: Request) throws -> Response {
        guard let asset = assets[name] else { throw APIError.notFound() }
        var headers = Self.securityHeaders
        headers[.contentType] = asset.contentType
        headers[.eTag] = asset.entityTag
        // Always revalidated: a border post gets a fixed page at once, and works offline from its service worker.
        headers[.cacheControl] = "no-cache"
        if name == Self.serviceWorkerName {
            // The worker lives under /verifier/ but controls the page at /verifier itself.
            headers[Self.serviceWorkerAllowed] = "/verifier"
        }
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == asset.entityTag
        }) == true {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: asset.body))
    }
}
