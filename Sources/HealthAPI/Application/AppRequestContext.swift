import HealthServices
public import Hummingbird
public import NIOCore

/// The per-request context every route and middleware of the API sees.
public struct AppRequestContext: RequestContext {
    /// The largest request body the API accepts; larger ones get 413.
    public static let maxBodyBytes = 1 << 20

    public var coreContext: CoreRequestContextStorage
    /// The connection's other end: the client, or the proxy in front of the server.
    public let peer: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peer = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { Self.maxBodyBytes }
}
