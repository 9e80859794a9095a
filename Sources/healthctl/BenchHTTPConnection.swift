import NIOCore
import NIOHTTP1
import NIOPosix

/// One keep-alive HTTP/1.1 connection for load runs: sends a request, waits for its whole answer, repeats.
struct BenchHTTPConnection {
    let host: String
    let port: Int

    /// A request's status and body.
    struct Answer {
        let status: Int
        let body: ByteBuffer
    }

    /// Opens the connection and hands `body` a function that sends one request and returns its answer.
    func run<T: Sendable>(
        _ body: (
            _ send: (_ method: HTTPMethod, _ path: String, _ headers: [(String, String)], _ json: ByteBuffer?)
                async throws -> Answer
        ) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var responses = inbound.makeAsyncIterator()
            return try await body { method, path, extraHeaders, json in
                var headers = HTTPHeaders([("Host", "\(host):\(port)"), ("Content-Type", "application/json")])
                headers.add(contentsOf: extraHeaders)
                headers.add(name: "Content-Length", value: String(json?.readableBytes ?? 0))
                // Head, body and end in one write, so the request leaves in one flush as an app's client sends it.
                var parts: [HTTPClientRequestPart] = [
                    .head(HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers))
                ]
                if let json { parts.append(.body(.byteBuffer(json))) }
                parts.append(.end(nil))
                try await outbound.write(contentsOf: parts)
                var status = 0
                var collected = ByteBuffer()
                while let part = try await responses.next() {
                    switch part {
                    case .head(let head): status = Int(head.status.code)
                    case .body(var chunk): collected.writeBuffer(&chunk)
                    case .end: return Answer(status: status, body: collected)
                    }
                }
                throw BenchConnectionClosed()
            }
        }
    }
}

/// The server closed the connection before answering.
struct BenchConnectionClosed: Error {}
