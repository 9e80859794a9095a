import Foundation
import TestSupport

/// Runs the built `healthctl` binary, the way operators and scripts do.
struct HealthCtlProcess {
    /// The finished run: exit status and everything it printed.
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The binary sits beside the test bundle in the build products directory.
    static var executableURL: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("healthctl")
    }

    /// Runs `healthctl arguments…` to completion, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String? = nil, in directory: URL? = nil) async throws -> Result {
        let output = try await ChildProcess(executableURL.path, arguments, in: directory).run(
            input: input.map { Data($0.utf8) })
        return Result(status: output.status, standardOutput: output.text, standardError: output.errorText)
    }

    /// A fresh, empty directory for one test's data; removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("healthctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
