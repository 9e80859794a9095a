import Foundation
import HTTPTypes
import Testing

@testable import HealthAPI
@testable import HealthServices

/// Every problem code the server can send is in the OpenAPI document's `Problem.code` enum, and nothing else is:
/// the codes are collected from the sources (each `ServiceError.Code` declared, each `CertificateError.Code`, each
/// `StoreError.Code` the edge sends, and each code the HTTP edge writes itself), so a new code fails here until the
/// document lists it. Each operation's `x-problem-codes` are known codes whose status the operation documents, the
/// guard's among them where it has one.
@Suite struct OpenAPIProblemCodeTests {
    private static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Each declared service error code with the category it is declared with.
    private static func serviceErrorCodes() throws -> [String: ServiceError.Category] {
        var codes: [String: ServiceError.Category] = [:]
        for text in try swiftFiles(under: sources) {
            for match in text.matches(of: /Self\("([a-z0-9-]+)", \.(\w+)\)/) {
                let category = try #require(Self.category(named: String(match.2)), "category \(match.2)")
                codes[String(match.1)] = category
            }
        }
        return codes
    }

    /// The codes of `CertificateError` and `ContactTracingError` (422 at the HTTP edge) and those the HTTP layer
    /// writes itself.
    private static func otherCodes() throws -> Set<String> {
        let certificateErrors = try String(
            contentsOf: sources.appendingPathComponent("Certificates/CertificateError.swift"), encoding: .utf8)
        var codes = Set(certificateErrors.matches(of: /Code\("([a-z0-9-]+)"\)/).map { String($0.1) })
        let contactTracingErrors = try String(
            contentsOf: sources.appendingPathComponent("ContactTracing/ContactTracingError.swift"), encoding: .utf8)
        codes.formUnion(contactTracingErrors.matches(of: /case \w+ = "([a-z0-9-]+)"/).map { String($0.1) })
        for text in try swiftFiles(under: sources.appendingPathComponent("HealthAPI")) {
            codes.formUnion(text.matches(of: /code: "([a-z0-9-]+)"/).map { String($0.1) })
        }
        // The `StoreError` codes the edge sends as they are: those with a case of their own in its mapping (the
        // others are the 500 `internal-error`).
        let storeErrors = try String(
            contentsOf: sources.appendingPathComponent("HealthServices/Common/StoreError.swift"), encoding: .utf8)
        let storeCodes = Dictionary(
            uniqueKeysWithValues: storeErrors.matches(of: /static let (\w+) = Code\("([a-z0-9-]+)"\)/).map {
                (String($0.1), String($0.2))
            })
        let storeMapping = try String(
            contentsOf: sources.appendingPathComponent("HealthAPI/Problems/StoreError+Problem.swift"), encoding: .utf8)
        codes.formUnion(storeMapping.matches(of: /case \.(\w+):/).compactMap { storeCodes[String($0.1)] })
        // The codes ProblemMiddleware gives the errors Hummingbird itself throws, by status.
        let middleware = try String(
            contentsOf: sources.appendingPathComponent("HealthAPI/Application/ProblemMiddleware.swift"), encoding: .utf8
        )
        codes.formUnion(middleware.matches(of: /case \.\w+: "([a-z0-9-]+)"/).map { String($0.1) })
        codes.formUnion(
            middleware.matches(of: /\? "([a-z0-9-]+)" : "([a-z0-9-]+)"/).flatMap { [String($0.1), String($0.2)] })
        return codes
    }

    private static func swiftFiles(under directory: URL) throws -> [String] {
        let files = try #require(FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil))
        return try files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            try String(contentsOf: $0, encoding: .utf8)
        }
    }

    private static func category(named name: String) -> ServiceError.Category? {
        let categories: [String: ServiceError.Category] = [
            "invalidInput": .invalidInput, "unauthenticated": .unauthenticated, "forbidden": .forbidden,
            "notFound": .notFound, "conflict": .conflict, "unprocessable": .unprocessable,
            "preconditionFailed": .preconditionFailed, "tooManyRequests": .tooManyRequests,
        ]
        return categories[name]
    }

    private static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: OpenAPIController.documentURL())
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private static func documentedCodes(_ document: [String: Any]) throws -> Set<String> {
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let problem = (schemas?["Problem"] as? [String: Any])?["properties"] as? [String: Any]
        return Set(try #require((problem?["code"] as? [String: Any])?["enum"] as? [String]))
    }

    @Test func theDocumentListsEveryCodeTheServerSends() throws {
        let sent = Set(try Self.serviceErrorCodes().keys).union(try Self.otherCodes())
        #expect(
            sent.isSuperset(of: ["method-not-allowed", "unsupported-media-type", "trailing-data", "internal-error"]))
        let documented = try Self.documentedCodes(try Self.document())
        #expect(sent.subtracting(documented).sorted() == [], "codes missing from Problem.code")
        #expect(documented.subtracting(sent).sorted() == [], "documented codes nothing sends")
    }

    @Test func eachOperationDocumentsTheStatusOfItsCodes() throws {
        let document = try Self.document()
        let known = try Self.documentedCodes(document)
        let serviceCodes = try Self.serviceErrorCodes()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            for case (let method, let operation as [String: Any]) in item {
                let responses = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
                let codes = operation["x-problem-codes"] as? [String] ?? []
                if operation["x-roles"] != nil {
                    let guardCodes: Set = ["missing-token", "invalid-token", "forbidden-role"]
                    #expect(guardCodes.isSubset(of: codes), "\(method) \(path): the guard's codes")
                }
                for code in codes {
                    #expect(known.contains(code), "\(method) \(path): \(code)")
                    if let category = serviceCodes[code] {
                        let status = ServiceError(.init(code, category), "").status.code
                        #expect(responses.contains(String(status)), "\(method) \(path): \(code) is \(status)")
                    }
                }
                for code in operation["x-item-problem-codes"] as? [String] ?? [] {
                    #expect(known.contains(code), "\(method) \(path): item code \(code)")
                }
            }
        }
    }
}
