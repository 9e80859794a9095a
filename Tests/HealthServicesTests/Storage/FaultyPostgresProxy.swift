import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on loopback in front of the test cluster that breaks one connection at a chosen statement, as a
/// failing network or a stopping server would: before the statement reaches PostgreSQL, or after it did, losing its
/// answer. Everything else passes through untouched.
final class FaultyPostgresProxy: Sendable {
    /// Where the next connection that sends a statement containing `text` is cut.
    enum Cut: Sendable {
        /// The statement never reaches the server.
        case before(String)
        /// The server runs the statement; its answer never reaches the client.
        case after(String)
    }

    let port: Int
    private let listener: any Channel
    private let fault: Fault

    /// A proxy to `host`:`targetPort`, listening on a free port of 127.0.0.1.
    init(to host: String, port targetPort: Int) async throws {
        let fault = Fault()
        self.fault = fault
        listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { client in
                ClientBootstrap(group: client.eventLoop).connect(host: host, port: targetPort).flatMapThrowing {
                    server in
                    let link = Link()
                    try client.pipeline.syncOperations.addHandler(
                        Relay(peer: server, link: link, fault: fault, isFromClient: true))
                    try server.pipeline.syncOperations.addHandler(
                        Relay(peer: client, link: link, fault: fault, isFromClient: false))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = listener.localAddress?.port ?? 0
    }

    /// Cuts the next connection that sends a statement as `cut` says; later ones pass.
    func arm(_ cut: Cut) {
        fault.armed.withLock { $0 = cut }
    }

    func close() async {
        try? await listener.close()
    }

    /// The cut waiting for its statement, shared by every relay.
    private final class Fault: Sendable {
        let armed = Mutex<Cut?>(nil)

        /// The armed cut when `bytes` hold its statement's text, disarmed.
        func take(matching bytes: ByteBuffer) -> Cut? {
            armed.withLock { armed in
                guard let cut = armed else { return nil }
                let text: String
                switch cut {
                case .before(let statement), .after(let statement): text = statement
                }
                guard bytes.readableBytesView.firstRange(of: Array(text.utf8)) != nil else { return nil }
                armed = nil
                return cut
            }
        }
    }

    /// What the two relays of one proxied connection share.
    private final class Link: Sendable {
        /// The statement went through and its answer is to be lost.
        let losesAnswer = Atomic<Bool>(false)
    }

    /// Copies one direction of a proxied connection, cutting it where the armed fault says.
    private final class Relay: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        let peer: any Channel
        let link: Link
        let fault: Fault
        let isFromClient: Bool

        init(peer: any Channel, link: Link, fault: Fault, isFromClient: Bool) {
            self.peer = peer
            self.link = link
            self.fault = fault
            self.isFromClient = isFromClient
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = unwrapInboundIn(data)
            if isFromClient {
                switch fault.take(matching: bytes) {
                case .before:
                    return cut(context)
                case .after:
                    link.losesAnswer.store(true, ordering: .relaxed)
                case nil:
                    break
                }
            } else if link.losesAnswer.load(ordering: .relaxed) {
                return cut(context)
            }
            peer.writeAndFlush(bytes, promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            peer.close(promise: nil)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }

        private func cut(_ context: ChannelHandlerContext) {
            context.close(promise: nil)
            peer.close(promise: nil)
        }
    }
}
