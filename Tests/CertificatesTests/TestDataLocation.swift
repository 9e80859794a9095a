import Foundation

/// Where the shared conformance data lives: `../shared/testdata` beside the repository root.
enum TestDataLocation {
    static let repositoryRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory
    }()

    /// In the dev sandbox the Tests folder is a symlink, so the walk may land on a package other than the
    /// repository; the real file path is resolved first.
    static let testdata: URL = {
        let source = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        var directory = source.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    }()

    static var dcc: URL { testdata.appendingPathComponent("dcc") }

    /// One dgc-testdata case file as a JSON object.
    static func dccCase(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: dcc.appendingPathComponent(relativePath))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
