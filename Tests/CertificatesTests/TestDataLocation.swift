import Foundation

/// Where the conformance data lives: `Tests/Fixtures` in this repository (see its README for sources).
enum TestDataLocation {
    /// A fixture the tests need is not in the repository: the test fails with this, naming the path.
    struct MissingFixture: Error, CustomStringConvertible {
        let path: String
        var description: String { "test fixture missing: \(path) (see Tests/Fixtures/README.md)" }
    }

    /// The directory holding Package.swift; the real file path is resolved first, as the Tests folder may be a
    /// symlink.
    static let repositoryRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }()

    static var fixtures: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }

    /// The dgc-testdata tree, or `MissingFixture` when it is not there.
    static func dcc() throws -> URL {
        try existing(fixtures.appendingPathComponent("dcc"))
    }

    /// The reference checker `scripts/reference/<name>`.
    static func referenceScript(_ name: String) throws -> URL {
        try existing(repositoryRoot.appendingPathComponent("scripts/reference/\(name)"))
    }

    /// `url` itself when a file or directory is there.
    static func existing(_ url: URL) throws -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return url
    }

    /// One dgc-testdata case file as a JSON object.
    static func dccCase(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: existing(try dcc().appendingPathComponent(relativePath)))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
