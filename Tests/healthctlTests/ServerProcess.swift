import Foundation
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running `healthctl serve` on a free loopback port, found from the line it prints when it listens.
// @unchecked: after init only `kill()` and `terminate()` touch the process, from one task at a time.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let base: String

    /// Starts `healthctl serve` over `data`, keeping its databases in `database` (a PostgreSQL URL) when given, and
    /// waits until it listens.
    static func start(data: String, database: String? = nil) async throws -> ServerProcess {
        try await onOwnThread { try ServerProcess(data: data, database: database) }
    }

    private init(data: String, database: String?) throws {
        process.executableURL = HealthCtlProcess.executableURL
        process.arguments =
            ["serve", "--data", data, "--port", "0", "--log-level", "error"]
            + (database.map { ["--database", $0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard
            let match = String(decoding: line, as: UTF8.self).firstMatch(
                of: /listening on (http:\/\/127\.0\.0\.1:\d+)/)
        else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "healthctl serve did not say where it listens (it printed \(line.count) bytes; running: "
                        + "\(process.isRunning))"
                ])
        }
        base = String(match.1)
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the server with SIGTERM and waits for it.
    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }

    /// A JSON request, with a bearer token and an idempotency key when given.
    static func request(
        _ url: String, method: String = "GET", token: String?, body: String? = nil, key: String? = nil,
        timeout: TimeInterval = 20
    ) -> URLRequest {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key { request.setValue(key, forHTTPHeaderField: "Idempotency-Key") }
        request.httpBody = body.map { Data($0.utf8) }
        request.timeoutInterval = timeout
        return request
    }

    /// Sends a request to this server: the status and the body.
    func send(
        _ path: String, method: String = "GET", token: String?, body: String? = nil, key: String? = nil,
        timeout: TimeInterval = 20
    ) async throws -> (status: Int, body: Data) {
        let answer = try await exchange(path, method: method, token: token, body: body, key: key, timeout: timeout)
        return (answer.status, answer.body)
    }

    /// Sends a request to this server: the status, the response's head and the body.
    func exchange(
        _ path: String, method: String = "GET", token: String?, body: String? = nil, key: String? = nil,
        timeout: TimeInterval = 20
    ) async throws -> (status: Int, response: HTTPURLResponse?, body: Data) {
        let (data, response) = try await URLSession.shared.data(
            for: Self.request(base + path, method: method, token: token, body: body, key: key, timeout: timeout))
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http, data)
    }
}
