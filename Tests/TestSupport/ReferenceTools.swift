public import Foundation

/// Where the test fixtures and the independent reference checkers are, and the Python that runs them.
public enum ReferenceTools {
    /// The directory holding Package.swift; the real file path is resolved first, as the Tests folder may be a
    /// symlink.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
            url.path != "/"
        {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    /// A fixture the tests need is not in the repository: the test fails with this, naming the path.
    public struct MissingFixture: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "test fixture missing: \(path) (see Tests/Fixtures/README.md)" }
    }

    /// `url` itself when a file or directory is there, else `MissingFixture`.
    public static func existing(_ url: URL) throws -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return url
    }

    /// `relativePath` below the repository root, or `MissingFixture` when nothing is there.
    public static func file(_ relativePath: String) throws -> URL {
        try existing(repositoryRoot.appendingPathComponent(relativePath))
    }

    /// The reference checker `scripts/reference/<name>`.
    public static func script(_ name: String) throws -> String {
        try file("scripts/reference/\(name)").path
    }

    /// The GAEN fixture at `relativePath` below `Tests/Fixtures/gaen`.
    public static func gaen(_ relativePath: String) throws -> URL {
        try file("Tests/Fixtures/gaen/\(relativePath)")
    }

    /// REFERENCE_PYTHON (set by `make test`), else the repository's .venv-ref, else the system python3.
    public static var python: String {
        ProcessInfo.processInfo.environment["REFERENCE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? [repositoryRoot.appendingPathComponent(".venv-ref/bin/python").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
    }

    /// Runs the reference checker `scripts/reference/<name>` with `arguments` under `python`.
    public static func run(_ name: String, _ arguments: [String]) async throws -> ChildProcess.Output {
        try await ChildProcess(python, [try script(name)] + arguments).run()
    }
}
