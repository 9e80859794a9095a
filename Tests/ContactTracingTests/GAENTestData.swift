import Foundation
import TestSupport

/// Locates `Tests/Fixtures/gaen` (see Tests/Fixtures/README.md for the sources) in the repository.
enum GAENTestData {
    static let directory = ReferenceTools.repositoryRoot.appendingPathComponent("Tests/Fixtures/gaen")

    /// The fixture at `relativePath` below the folder, or `MissingFixture`.
    static func url(_ relativePath: String) throws -> URL {
        try ReferenceTools.existing(directory.appendingPathComponent(relativePath))
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
