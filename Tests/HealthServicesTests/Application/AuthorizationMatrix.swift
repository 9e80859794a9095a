import Foundation
import HTTPTypes
import Testing

@testable import HealthAPI
@testable import HealthServices

/// The operations of the committed OpenAPI document with the roles their `x-roles` name, and the answer each kind
/// of caller must get from them.
enum AuthorizationMatrix {
    struct Operation: CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        /// The roles `x-roles` lists; nil for an open operation (no `x-roles`, `security: []`).
        let roles: Set<Role>?

        var description: String { "\(method) \(path)" }

        /// The path with each `{parameter}` filled with an id that names nothing.
        var samplePath: String {
            path.replacing(/\{[^}]+\}/, with: "unknown")
        }

        /// What a caller with `role` (nil: no live token) must get.
        func expectation(for role: Role?, hasToken: Bool) -> Expectation {
            guard let roles else { return .pastTheGuard }
            guard let role else { return .unauthorized(code: hasToken ? "invalid-token" : "missing-token") }
            return roles.contains(role) ? .pastTheGuard : .forbidden
        }
    }

    enum Expectation {
        case unauthorized(code: String)
        case forbidden
        /// The guard let the caller through: whatever the handler then says, it is neither 401 nor 403.
        case pastTheGuard

        func allows(_ status: Int, code: String?) -> Bool {
            switch self {
            case .unauthorized(let expected): status == 401 && code == expected
            case .forbidden: status == 403 && code == "forbidden-role"
            case .pastTheGuard: status != 401 && status != 403
            }
        }
    }

    static func operations() throws -> [Operation] {
        let data = try Data(contentsOf: OpenAPIController.documentURL())
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var operations: [Operation] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, value) in item.sorted(by: { $0.key < $1.key }) where method != "parameters" {
                let operation = try #require(value as? [String: Any])
                let roles = try (operation["x-roles"] as? [String]).map { names in
                    Set(try names.map { name in try #require(Role(rawValue: name), "unknown role \(name)") })
                }
                let isOpen = (operation["security"] as? [Any])?.isEmpty ?? true
                #expect(isOpen == (roles == nil), "\(method) \(path): security and x-roles disagree")
                operations.append(
                    Operation(method: try #require(HTTPRequest.Method(method.uppercased())), path: path, roles: roles))
            }
        }
        return operations
    }
}
