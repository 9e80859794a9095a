import Hummingbird

/// Serves the operators' statistics dashboard (`GET /dashboard`, `GET /dashboard/{file}`): static files that ask for
/// an operator token and draw `GET /v1/statistics/daily` in the browser.
struct DashboardPageController: Sendable {
    static let pageName = "index.html"

    let page: StaticPage

    init() throws {
        page = try StaticPage(folder: "dashboard", required: [Self.pageName])
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("dashboard") { request, _ in try page.serve(Self.pageName, for: request) }
        router.get("dashboard/:file") { request, context in
            try page.serve(context.parameters.require("file"), for: request)
        }
    }
}
