import NIOCore
import NIOHTTPTypes
import Synchronization

/// How many connections each client address holds open, shared by every connection of one listener.
final class ClientConnectionGate: Sendable {
    let limit: Int
    private let open = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address` and says whether it is within the limit; one refused is not counted.
    func admit(_ address: String) -> Bool {
        open.withLock { open in
            let count = open[address, default: 0]
            guard count < limit else { return false }
            open[address] = count + 1
            return true
        }
    }

    /// Counts a connection from `address` that closed.
    func leave(_ address: String) {
        open.withLock { open in
            let count = open[address, default: 1] - 1
            open[address] = count > 0 ? count : nil
        }
    }
}

/// Closes a connection at once when its client address already holds the gate's limit, so one client opening
/// thousands of connections cannot take the server's whole allowance (`ConnectionLimits.maxConnections`) from
/// everyone else; the connections it keeps are served as usual.
final class ClientConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let gate: ClientConnectionGate

    init(gate: ClientConnectionGate) {
        self.gate = gate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard let address = context.channel.remoteAddress?.ipAddress else { return }
        guard gate.admit(address) else {
            context.channel.close(promise: nil)
            return
        }
        context.channel.closeFuture.whenComplete { [gate] _ in gate.leave(address) }
    }
}
