import Foundation
import Synchronization

/// A PostgreSQL cluster of one test's own, made as `scripts/with-postgres.sh` makes the shared one (initdb, as
/// `nobody` when root, 127.0.0.1 and a free port) but with `fsync` on, so a test may stop it as a crash would and
/// check what survived. The shared cluster serves other tests in parallel and must never be stopped.
///
/// The server runs as a child of the test (`postgres`, not `pg_ctl start`): Foundation's `Process` learns that a
/// child ended when a socket it leaves open in the child closes, and a daemon that `pg_ctl` leaves behind keeps it
/// open, so `pg_ctl start` would never be seen to end (swift-corelibs-foundation issue 4795).
final class ThrowawayPostgresCluster: Sendable {
    let directory: URL
    let port: Int
    private let bin: String
    private let server = Mutex<Process?>(nil)

    /// Creates and starts the cluster; throws (with the tool's output) when PostgreSQL is missing or does not start.
    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last
        else { throw Self.failure("PostgreSQL's server is not installed under /usr/lib/postgresql") }
        bin = "/usr/lib/postgresql/\(version)/bin"
        directory = URL(fileURLWithPath: "/tmp/health-pg-own-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "nobody"], ofItemAtPath: directory.path)
        }
        port = try Self.freePort()
        let initdb = try launch(
            "initdb", ["-D", dataPath, "-U", "health", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
            log: "initdb.log")
        initdb.waitUntilExit()
        guard initdb.terminationStatus == 0 else { throw Self.failure("initdb failed: \(log("initdb.log"))") }
        try start()
    }

    /// `postgres://health@127.0.0.1:PORT/postgres`, the maintenance database.
    var url: String { "postgres://health@127.0.0.1:\(port)/postgres" }

    private var dataPath: String { directory.appendingPathComponent("data").path }

    /// Starts the server and waits (60 s at most) until it takes connections, after crash recovery when it was
    /// stopped as a crash would stop it.
    func start() throws {
        let process = try launch(
            "postgres",
            [
                "-D", dataPath, "-k", directory.path, "-p", String(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "max_connections=100",
            ],
            log: "server.log")
        server.withLock { $0 = process }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let ready = try launch("pg_isready", ["-q", "-h", "127.0.0.1", "-p", String(port)], log: nil)
            ready.waitUntilExit()
            if ready.terminationStatus == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Self.failure("PostgreSQL did not start: \(log("server.log"))")
    }

    /// Stops the server as a crash would: SIGQUIT, PostgreSQL's immediate shutdown (no checkpoint; the next start
    /// recovers from the write-ahead log). Waits until it is gone.
    func stop() {
        guard let process = server.withLock({ $0.take() }), process.isRunning else { return }
        kill(process.processIdentifier, SIGQUIT)
        process.waitUntilExit()
    }

    /// Stops the server whatever its state and deletes the cluster.
    func remove() {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a PostgreSQL tool (as `nobody` when root), its output appended to `log` in the cluster's directory.
    private func launch(_ tool: String, _ arguments: [String], log: String?) throws -> Process {
        let process = Process()
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments =
                ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "\(bin)/\(tool)"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "\(bin)/\(tool)")
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var output = FileHandle.nullDevice
        if let log {
            let file = directory.appendingPathComponent(log)
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            }
            output = try FileHandle(forWritingTo: file)
            try output.seekToEnd()
        }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        if log != nil { try? output.close() }
        return process
    }

    private func log(_ name: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// A loopback port free a moment ago, below the kernel's ephemeral range. A port from that range (what binding
    /// port 0 gives) can be taken by the time PostgreSQL binds it, a moment or a restart later: the suite's servers
    /// listen on port 0 and every outgoing connection takes a local port from it.
    private static func freePort() throws -> Int {
        let ephemeralStart =
            (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))
            .flatMap { Int($0.split(whereSeparator: \.isWhitespace).first ?? "") } ?? 32768
        for _ in 0..<100 {
            let port = Int.random(in: 10000..<max(ephemeralStart, 10001))
            if isFree(port) { return port }
        }
        throw failure("no free port below \(ephemeralStart)")
    }

    private static func isFree(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func failure(_ message: String) -> CocoaError {
        CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: message])
    }
}
