import Foundation

/// Locates `Tests/Fixtures/gaen` (see Tests/Fixtures/README.md for the sources) in the repository.
enum GAENTestData {
    /// A fixture the tests need is not in the repository: the test fails with this, naming the path.
    struct MissingFixture: Error, CustomStringConvertible {
        let path: String
        var description: String { "test fixture missing: \(path) (see Tests/Fixtures/README.md)" }
    }

    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/gaen")

    /// The directory holding Package.swift.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
            url.path != "/"
        {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    /// The fixture at `relativePath` below the folder, or `MissingFixture`.
    static func url(_ relativePath: String) throws -> URL {
        try existing(directory.appendingPathComponent(relativePath))
    }

    /// `url` itself when a file or directory is there.
    static func existing(_ url: URL) throws -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return url
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try data(relativePath))
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    static func hex(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            out.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return out
    }
}
