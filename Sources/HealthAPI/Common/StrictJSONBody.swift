import Foundation
import HealthServices
import Hummingbird

/// A request body whose JSON object may hold only the fields in `CodingKeys`; anything else is refused.
protocol StrictJSONBody: Decodable {
    /// Every field the body may hold. A key outside them is refused: a misspelt optional field would otherwise be
    /// dropped without a word, and the request done without what the caller meant.
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
    /// Decodes a JSON object body strictly: text that is not a JSON object, then a member name given twice in any
    /// object, then unknown fields, missing fields and wrong types are each a 400 with its own code that names the
    /// field (never its value). The body is parsed once: the member names are checked on the decoder's own parse
    /// before the fields are read from it. Names given twice, of which that parse keeps one value, are looked for
    /// in a light scan of the text first (see ``JSONDuplicateMember``) and told once the decoder has found a JSON
    /// object, as text that is not JSON may look as if it gave a name twice.
    static func decodeStrict(_ data: Data) throws -> Self {
        // JSON in UTF-8 has no NUL byte (a string's control characters are escaped); UTF-16 or UTF-32 text has one
        // in every ASCII character, and the decoder would read it, past the checks below, which read UTF-8.
        guard !data.contains(0) else {
            throw ServiceError(.malformedJSON, "The request body must be JSON text in UTF-8.")
        }
        let duplicate = JSONDuplicateMember.first(in: data)
        let body: Self
        do {
            body = try JSONDecoder().decode(StrictJSONObject<Self>.self, from: data).body
        } catch let error as ServiceError where error.code == .malformedJSON {
            throw error
        } catch is DecodingError {
            // Thrown before the body's fields were read: the text is not JSON at all.
            throw Self.malformed
        } catch {
            if let duplicate { throw JSONDuplicateMember.refusal(naming: duplicate) }
            throw (error as? StrictJSONFieldError)?.problem ?? error
        }
        if let duplicate { throw JSONDuplicateMember.refusal(naming: duplicate) }
        if JSONNULEscape.isIn(data) {
            throw ServiceError(.invalidField, "A field holds the NUL character (\\u0000), which no field may hold.")
        }
        return body
    }

    fileprivate static var malformed: ServiceError {
        ServiceError(.malformedJSON, "The request body must be a JSON object.")
    }
}

/// A strict body read from a JSON object: any member name outside the body's `CodingKeys` is refused (the first in
/// sorted order is named) before the body's own fields are decoded. A body holding an array of objects reads each
/// element through it too.
struct StrictJSONObject<Body: StrictJSONBody>: Decodable {
    let body: Body

    /// Any member name of a JSON object.
    private struct MemberName: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        guard let members = try? decoder.container(keyedBy: MemberName.self) else { throw Body.malformed }
        // Closures rather than key paths: a key path into a generic type is instantiated anew on every call.
        let known = Set(Body.CodingKeys.allCases.map { $0.stringValue })
        if let unknown = members.allKeys.map({ $0.stringValue }).sorted().first(where: { !known.contains($0) }) {
            throw ServiceError(
                .unknownField, "The field '\(ServiceError.printable(unknown))' is not part of this request."
            )
        }
        do {
            body = try Body(from: decoder)
        } catch let error as DecodingError {
            throw StrictJSONFieldError(error: error)
        } catch let error as ServiceError {
            throw error
        } catch let error as StrictJSONFieldError {
            throw error
        } catch {
            // JSONDecoder's own error for a value it cannot read as the field's type (2.5 for an integer), which
            // it would otherwise report as text that is not JSON.
            throw StrictJSONFieldError(
                error: .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unreadable value")))
        }
    }
}

/// A field of a well-formed JSON object that the body could not take, told apart from text that is not JSON.
private struct StrictJSONFieldError: Error {
    let error: DecodingError

    var problem: ServiceError {
        switch error {
        case .keyNotFound(let key, _):
            ServiceError(.missingField, "The field '\(key.stringValue)' is required.")
        case .valueNotFound(_, let context):
            ServiceError(.missingField, "The field '\(Request.path(context))' must not be null.")
        case .typeMismatch(let expected, let context):
            ServiceError(.invalidField, "The field '\(Request.path(context))' must be \(Request.jsonType(expected)).")
        case .dataCorrupted(let context):
            ServiceError(.invalidField, "The field '\(Request.path(context))' has an unusable value.")
        @unknown default:
            ServiceError(.invalidField, "A field has an unusable value.")
        }
    }
}

extension Request {
    /// Query parameters, refusing any not in `allowed`, any given twice and any holding U+0000 (see
    /// ``JSONNULEscape``).
    func queryParameters(allowing allowed: Set<String>) throws -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                throw ServiceError(
                    .unknownParameter, "The query parameter '\(ServiceError.printable(name))' is not supported.")
            }
            guard !value.utf8.contains(0) else {
                throw ServiceError(.invalidParameter, "The query parameter '\(name)' holds the NUL character.")
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
}
