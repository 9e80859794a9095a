import Foundation
import HealthSQLite
import Hummingbird
import Logging
import Testing

@testable import HealthAPI
@testable import HealthServices

#if canImport(Glibc)
    import Glibc
#endif

/// One client address opening thousands of connections keeps only its share of the public port, while other
/// clients are served there and probes answer on the operations port (a live server on 127.0.0.1).
@Suite struct ClientConnectionLimitTests {
    @Test func aFloodFromOneAddressKeepsItsShareWhileOthersAndProbesAreServed() async throws {
        // Timeouts long enough that the connections the server keeps stay open while the test counts them.
        let limits = ConnectionLimits(
            idleTimeout: .seconds(120), requestHeadTimeout: .seconds(120), maxConnectionsPerClient: 64)
        let configuration = AppConfiguration(
            storage: .memory, hostname: "127.0.0.1", port: 0, logLevel: .error, connectionLimits: limits, opsPort: 0)
        let (addresses, announce) = AsyncStream.makeStream(of: (ops: Bool, port: Int).self)
        let services = try HealthServiceSet(configuration.storage)
        let app = try await buildApplication(
            configuration, services: services,
            onServerRunning: { announce.yield((false, Self.port(of: $0))) },
            onOpsServerRunning: { announce.yield((true, Self.port(of: $0))) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var ports: [Bool: Int] = [:]
            for await (ops, port) in addresses {
                ports[ops] = port
                if ports.count == 2 { break }
            }
            let (publicPort, opsPort) = (try #require(ports[false]), try #require(ports[true]))

            let flood = try await Flood.open(3_000, to: publicPort)
            defer { flood.close() }
            let leftOpen = await flood.connectionsLeftOpen(expecting: limits.maxConnectionsPerClient)
            #expect(leftOpen == limits.maxConnectionsPerClient)
            #expect(try await Self.healthz(port: opsPort, from: "127.0.0.1").hasPrefix("HTTP/1.1 200"))
            #expect(try await Self.healthz(port: publicPort, from: "127.0.0.2").hasPrefix("HTTP/1.1 200"))
            group.cancelAll()
        }
    }

    static func port(of address: String) -> Int {
        address.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    /// The answer to `GET /healthz` on `port`, from a socket bound to `source` (another client address).
    static func healthz(port: Int, from source: String) async throws -> String {
        try await Flood.onThread {
            let socket = try Flood.connect(port: port, from: source)
            defer { Glibc.close(socket) }
            let request = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = recv(socket, &buffer, buffer.count, 0)
            return String(decoding: buffer[..<max(count, 0)], as: UTF8.self)
        }
    }

    /// Many silent connections from 127.0.0.1, made on a thread of their own.
    final class Flood: Sendable {
        let sockets: [Int32]

        init(sockets: [Int32]) {
            self.sockets = sockets
        }

        static func open(_ count: Int, to port: Int) async throws -> Flood {
            Flood(
                sockets: try await onThread { try (0..<count).map { _ in try connect(port: port, from: "127.0.0.1") } })
        }

        /// How many the server has not closed, once no more than `expected` remain or 20 seconds have passed.
        func connectionsLeftOpen(expecting expected: Int) async -> Int {
            let sockets = sockets
            return
                (try? await Self.onThread {
                    var open = Set(sockets)
                    let deadline = Date().addingTimeInterval(20)
                    while open.count > expected, Date() < deadline {
                        for socket in open {
                            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                            if poll(&poller, 1, 0) > 0, poller.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                                open.remove(socket)
                            }
                        }
                        usleep(50_000)
                    }
                    return open.count
                }) ?? -1
        }

        func close() {
            for socket in sockets { Glibc.close(socket) }
        }

        /// A connected TCP socket to 127.0.0.1:`port` whose own address is `source`.
        static func connect(port: Int, from source: String) throws -> Int32 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw POSIXError(.EMFILE) }
            func address(_ host: String, _ port: Int) -> sockaddr_in {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr(host)
                return address
            }
            var local = address(source, 0)
            var remote = address("127.0.0.1", port)
            let length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
            }
            let connected = withUnsafePointer(to: &remote) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, length) }
            }
            guard bound == 0, connected == 0 else {
                Glibc.close(socket)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
            }
            return socket
        }

        /// Runs blocking socket calls on a thread of their own, off the concurrency pool the server runs on.
        static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try body() }) }.start()
            }
        }
    }
}
