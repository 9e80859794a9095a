import HealthServices
public import Hummingbird

/// The per-request context every route and middleware of the API sees.
public struct AppRequestContext: RequestContext {
    /// The largest request body the API accepts; larger ones get 413.
    public static let maxBodyBytes = 1 << 20

    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { Self.maxBodyBytes }
}
