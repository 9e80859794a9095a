import Foundation

/// Where the test fixtures and the independent reference checkers are, and the Python that runs them.
enum ReferenceTools {
    /// The directory holding Package.swift.
    static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// A fixture the tests need is not in the repository: the test fails with this, naming the path.
    struct MissingFixture: Error, CustomStringConvertible {
        let path: String
        var description: String { "test fixture missing: \(path) (see Tests/Fixtures/README.md)" }
    }

    /// `relativePath` below the repository root, or `MissingFixture` when nothing is there.
    static func file(_ relativePath: String) throws -> URL {
        let url = repositoryRoot.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return url
    }

    /// The reference checker `scripts/reference/<name>`.
    static func script(_ name: String) throws -> String {
        try file("scripts/reference/\(name)").path
    }

    /// The GAEN fixture at `relativePath` below `Tests/Fixtures/gaen`.
    static func gaen(_ relativePath: String) throws -> URL {
        try file("Tests/Fixtures/gaen/\(relativePath)")
    }

    /// REFERENCE_PYTHON, else the repository's .venv-ref, else the system python3.
    static var python: String {
        ProcessInfo.processInfo.environment["REFERENCE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? [repositoryRoot.appendingPathComponent(".venv-ref/bin/python").path]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
    }
}
