import Foundation
import TestSupport

/// Where the conformance data lives: `Tests/Fixtures` in this repository (see its README for sources).
enum TestDataLocation {
    static var fixtures: URL { ReferenceTools.repositoryRoot.appendingPathComponent("Tests/Fixtures") }

    /// The dgc-testdata tree, or `MissingFixture` when it is not there.
    static func dcc() throws -> URL {
        try ReferenceTools.existing(fixtures.appendingPathComponent("dcc"))
    }

    /// One dgc-testdata case file as a JSON object.
    static func dccCase(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: ReferenceTools.existing(try dcc().appendingPathComponent(relativePath)))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
