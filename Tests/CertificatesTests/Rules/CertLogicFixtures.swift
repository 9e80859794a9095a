import Foundation
import TestSupport

@testable import Certificates

/// The CertLogic fixtures of Tests/Fixtures/rules (see its README): the specification's test suites and member
/// states' rules with their tests, read as `JSONValue`.
enum CertLogicFixtures {
    static func url(_ relativePath: String) throws -> URL {
        try ReferenceTools.file("Tests/Fixtures/rules/\(relativePath)")
    }

    static func json(_ url: URL) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    /// The names of the `.json` files in the fixture directory `relativePath`, sorted.
    static func jsonFileNames(in relativePath: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(relativePath).path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    /// `<CC>/<RULE-ID>` of every member state's rule, sorted.
    static func businessRuleIDs() throws -> [String] {
        let root = try url("business-rules")
        let countries = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.count == 2 && $0.uppercased() == $0 }
        return try countries.flatMap { country in
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(country).path)
                .filter { FileManager.default.fileExists(atPath: "\(root.path)/\(country)/\($0)/rule.json") }
                .map { "\(country)/\($0)" }
        }.sorted()
    }
}

extension JSONValue {
    /// The elements of an array member, or none.
    func arrayMember(_ key: String) -> [JSONValue] {
        guard case .array(let elements) = self[key] else { return [] }
        return elements
    }

    /// Compact JSON text, for failure messages.
    var compactJSON: String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "\(self)"
    }
}
