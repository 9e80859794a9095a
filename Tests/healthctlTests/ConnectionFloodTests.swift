import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One client address opening thousands of connections to `healthctl serve` keeps only its share of the public
/// port, while other clients are served there and probes answer on the operations port.
///
/// The flood comes from a Python process of its own: thousands of descriptors opening and closing in the test
/// process would race Foundation's `Process.run`, which walks the open descriptors while other tests start
/// child processes.
@Suite struct ConnectionFloodTests {
    static let perClient = 64

    /// Opens `count` silent connections from 127.0.0.1, waits (at most 20 s) until no more than `expected` are left
    /// open by the server, prints how many are, then holds them until its standard input closes.
    static let floodScript = """
        import select, socket, sys, time
        port, count, expected = (int(value) for value in sys.argv[1:4])
        sockets = []
        for _ in range(count):
            client = socket.socket()
            client.bind(("127.0.0.1", 0))
            client.connect(("127.0.0.1", port))
            sockets.append(client)
        poller = select.poll()
        for client in sockets:
            poller.register(client, select.POLLIN | select.POLLHUP | select.POLLERR)
        open_count, deadline = count, time.monotonic() + 20
        while open_count > expected and time.monotonic() < deadline:
            for descriptor, _ in poller.poll(50):
                poller.unregister(descriptor)
                open_count -= 1
        print(open_count, flush=True)
        sys.stdin.read()
        """

    @Test func aFloodFromOneAddressKeepsItsShareWhileOthersAndProbesAreServed() async throws {
        let directory = try HealthCtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = Process()
        server.executableURL = HealthCtlProcess.executableURL
        // Timeouts long enough that the connections the server keeps stay open while they are counted.
        server.arguments = [
            "serve", "--data", directory.appendingPathComponent("data").path, "--port", "0", "--ops-port", "0",
            "--idle-timeout", "120", "--request-head-timeout", "120", "--log-level", "error",
            "--max-connections-per-client", String(Self.perClient),
        ]
        let serverOutput = Pipe()
        server.standardOutput = serverOutput
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let announced = try await Self.lines(2, from: serverOutput.fileHandleForReading)
        let publicPort = try #require(Self.port(in: announced, operations: false))
        let opsPort = try #require(Self.port(in: announced, operations: true))

        let flood = Process()
        flood.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        flood.arguments = ["python3", "-c", Self.floodScript, String(publicPort), "3000", String(Self.perClient)]
        let floodInput = Pipe()
        let floodOutput = Pipe()
        flood.standardInput = floodInput
        flood.standardOutput = floodOutput
        try flood.run()
        defer {
            try? floodInput.fileHandleForWriting.close()
            flood.waitUntilExit()
        }
        let leftOpen = try await Self.lines(1, from: floodOutput.fileHandleForReading).first
        #expect(leftOpen == String(Self.perClient))
        #expect(try await Self.healthz(port: opsPort, from: "127.0.0.1").hasPrefix("HTTP/1.1 200"))
        #expect(try await Self.healthz(port: publicPort, from: "127.0.0.2").hasPrefix("HTTP/1.1 200"))
    }

    /// The first `count` lines `handle` gives, read on a thread of their own.
    static func lines(_ count: Int, from handle: FileHandle) async throws -> [String] {
        try await onOwnThread {
            var data = Data()
            while data.count(where: { $0 == UInt8(ascii: "\n") }) < count {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    /// The port the server announced for its operations listener, or for its public one.
    static func port(in lines: [String], operations: Bool) -> Int? {
        lines.first { $0.contains("operations listening") == operations }
            .flatMap { $0.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/) }.flatMap { Int($0.1) }
    }

    /// The answer to `GET /healthz` on `port`, from a socket bound to `source` (another client address).
    static func healthz(port: Int, from source: String) async throws -> String {
        try await onOwnThread {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw POSIXError(.EMFILE) }
            defer { Glibc.close(socket) }
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
            guard bound == 0, connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED) }
            let request = Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = recv(socket, &buffer, buffer.count, 0)
            return String(decoding: buffer[..<max(count, 0)], as: UTF8.self)
        }
    }
}
