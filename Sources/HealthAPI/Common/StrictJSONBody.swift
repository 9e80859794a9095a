import Foundation
import HealthServices
import Hummingbird

/// A request body whose JSON object may hold only the fields in `CodingKeys`; anything else is refused.
protocol StrictJSONBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension Request {
    /// Reads and decodes a JSON object body strictly (see ``StrictJSONBody/decodeStrict(_:)``).
    func decodeStrict<Body: StrictJSONBody>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return try Body.decodeStrict(Data(buffer.readableBytesView))
    }
}

extension StrictJSONBody {
    /// Decodes a JSON object body strictly: unknown fields, missing fields and wrong types are each a 400 with its
    /// own code that names the field (never its value).
    static func decodeStrict(_ data: Data) throws -> Self {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: []),
            let fields = object as? [String: Any]
        else {
            throw ServiceError(.malformedJSON, "The request body must be a JSON object.")
        }
        let known = Set(CodingKeys.allCases.map(\.stringValue))
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw ServiceError(
                .unknownField, "The field '\(Request.printable(unknown))' is not part of this request."
            )
        }
        do {
            return try JSONDecoder().decode(Self.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ServiceError(.missingField, "The field '\(key.stringValue)' is required.")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ServiceError(.missingField, "The field '\(Request.path(context))' must not be null.")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw ServiceError(
                .invalidField, "The field '\(Request.path(context))' must be \(Request.jsonType(expected))."
            )
        } catch let DecodingError.dataCorrupted(context) {
            throw ServiceError(.invalidField, "The field '\(Request.path(context))' has an unusable value.")
        }
    }
}

extension Request {
    /// Query parameters, refusing any not in `allowed` and any given twice.
    func queryParameters(allowing allowed: Set<String>) throws -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                throw ServiceError(.unknownParameter, "The query parameter '\(Self.printable(name))' is not supported.")
            }
            guard parameters.updateValue(String(value), forKey: name) == nil else {
                throw ServiceError(.unknownParameter, "The query parameter '\(name)' is given more than once.")
            }
        }
        return parameters
    }

    fileprivate static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }

    fileprivate static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "a boolean"
        default: "of another type"
        }
    }

    /// A client-sent name, cut short and stripped to printable ASCII so it is safe to echo.
    fileprivate static func printable(_ name: String) -> String {
        String(
            name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }.prefix(40).map(
                Character.init))
    }
}
