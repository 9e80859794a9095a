import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP client on a thread of its own, behaving as slow or silent clients do, so tests can see when the
/// server closes on it without blocking the concurrency pool the server runs on.
struct RawConnection: Sendable {
    /// What the client does and what it saw.
    struct Outcome: Sendable {
        /// Seconds from connecting until the server closed the connection; nil if it was still open at the end.
        let closedAfter: Double?
        /// Every byte the server sent.
        let received: [UInt8]
    }

    let port: Int

    /// Connects, sends `bytes` at once, then `trickle` one byte every `interval` seconds, then waits; stops when the
    /// server closes or after `limit` seconds.
    func run(sending bytes: [UInt8] = [], trickling trickle: [UInt8] = [], every interval: Double = 1, limit: Double)
        async -> Outcome
    {
        let port = port
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let outcome = Self.exchange(
                    port: port, bytes: bytes, trickle: trickle, interval: interval, limit: limit)
                continuation.resume(returning: outcome)
            }
            thread.start()
        }
    }

    private static func exchange(port: Int, bytes: [UInt8], trickle: [UInt8], interval: Double, limit: Double)
        -> Outcome
    {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return Outcome(closedAfter: 0, received: []) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return Outcome(closedAfter: 0, received: []) }
        let start = Date()
        var received: [UInt8] = []
        if !bytes.isEmpty, bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) < 0 {
            return Outcome(closedAfter: 0, received: received)
        }
        var pending = trickle[...]
        var nextSend = start
        while Date().timeIntervalSince(start) < limit {
            if let byte = pending.first, Date() >= nextSend {
                if [byte].withUnsafeBytes({ send(socket, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }) < 0 {
                    return Outcome(closedAfter: Date().timeIntervalSince(start), received: received)
                }
                pending = pending.dropFirst()
                nextSend = Date().addingTimeInterval(interval)
            }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) >= 0 else { break }
            if poller.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { return Outcome(closedAfter: Date().timeIntervalSince(start), received: received) }
                received += buffer[..<count]
            }
        }
        return Outcome(closedAfter: nil, received: received)
    }
}
