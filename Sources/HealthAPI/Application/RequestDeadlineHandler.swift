import HealthServices
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request head or body arrives too slowly.
///
/// The head deadline starts when the connection opens, or at the first bytes of a later request (a socket read
/// while no request is open), and ends with the head; the body deadline runs from the head to the end of the body.
/// Time spent answering, and idle time between requests, are not counted here: the HTTP/1 idle timeout covers the
/// latter.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Where the connection is in its current request.
    enum Phase {
        /// No request open: between keep-alive requests.
        case waiting
        /// Reading a request's head.
        case head
        /// Reading a request's body.
        case body
        /// The request is read; the server is answering.
        case answering
    }

    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private var phase = Phase.head
    /// Requests read whose response has not ended yet (more than one when a client pipelines).
    private var unanswered = 0
    private var deadline: Scheduled<Void>?
    /// Whether a request's end came in the read being completed: the idle time after it is the idle timeout's.
    private var endedInThisRead = false

    init(headTimeout: Duration, bodyTimeout: Duration) {
        self.headTimeout = .nanoseconds(ConnectionLimits.nanoseconds(headTimeout))
        self.bodyTimeout = .nanoseconds(ConnectionLimits.nanoseconds(bodyTimeout))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(headTimeout, context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelActive(context: ChannelHandlerContext) {
        if deadline == nil, phase == .head { arm(headTimeout, context: context) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            phase = .body
            arm(bodyTimeout, context: context)
        case .body:
            break
        case .end:
            // Answered already (a refusal sent before the body was in): the next bytes start another request.
            phase = unanswered == 0 ? .waiting : .answering
            endedInThisRead = true
            disarm()
        }
        context.fireChannelRead(data)
    }

    /// Bytes came in; while no request is open they are the start of the next one's head.
    func channelReadComplete(context: ChannelHandlerContext) {
        if phase == .waiting, !endedInThisRead {
            phase = .head
            arm(headTimeout, context: context)
        }
        endedInThisRead = false
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, phase == .answering { phase = .waiting }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ timeout: TimeAmount, context: ChannelHandlerContext) {
        disarm()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension RequestDeadlineHandler: Sendable {}
