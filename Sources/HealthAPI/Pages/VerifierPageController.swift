import Foundation
import HTTPTypes
import Hummingbird

/// Serves the border verifier page (`GET /verifier`) and its scripts, styles and service worker
/// (`GET /verifier/{file}`), the page given the server's country as the destination a check defaults to
/// (`data-country`). The page checks certificates in the browser against the lists it downloads; the server never
/// sees what it scans.
struct VerifierPageController: Sendable {
    static let pageName = "index.html"
    static let serviceWorkerName = "sw.js"
    static let serviceWorkerAllowed = HTTPField.Name("Service-Worker-Allowed")!
    /// The page's placeholder for the server's country.
    static let countryPlaceholder = "data-country=\"\""

    let page: StaticPage

    init(country: String) throws {
        page = try StaticPage(folder: "verifier", required: [Self.pageName, Self.serviceWorkerName]) { file, bytes in
            guard file == Self.pageName else { return bytes }
            let text = String(decoding: bytes, as: UTF8.self)
            return Array(
                text.replacingOccurrences(of: Self.countryPlaceholder, with: "data-country=\"\(country)\"").utf8)
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("verifier") { request, _ in try serve(Self.pageName, for: request) }
        router.get("verifier/:file") { request, context in try serve(context.parameters.require("file"), for: request) }
    }

    func serve(_ name: String, for request: Request) throws -> Response {
        // The worker lives under /verifier/ but controls the page at /verifier itself.
        let extra: HTTPFields = name == Self.serviceWorkerName ? [Self.serviceWorkerAllowed: "/verifier"] : [:]
        return try page.serve(name, for: request, extra: extra)
    }
}
