import Certificates
package import Foundation

/// Reads a lab's JSON batch: an array of result objects. A batch that is not an array (or is empty, or too
/// long), or that gives a member name twice in one object, is refused whole; an item with a bad or unknown field is
/// refused alone, so its neighbours still count.
package enum LabResultBatch {
    static let fields: Set<String> = ["sampleId", "nationalId", "test", "result", "sampledAt", "resultedAt", "device"]

    package static func parse(_ data: Data) throws(ServiceError) -> [Result<LabResultSubmission, ServiceError>] {
        guard let root = try? JSONTapeParser.parse([UInt8](data)[...]), let items = root.arrayValue else {
            throw ServiceError(.malformedJSON, "The request body must be a JSON array of results.")
        }
        // Like text that is not JSON: which of the two values a result meant cannot be told.
        if let name = JSONDuplicateMember.first(in: data) { throw JSONDuplicateMember.refusal(naming: name) }
        guard !items.isEmpty else { throw ServiceError(.emptyBatch, "The batch holds no results.") }
        guard items.count <= ResultService.maxBatchSize else {
            throw ServiceError(.batchTooLarge, "A batch holds at most \(ResultService.maxBatchSize) results.")
        }
        return items.map { item in
            Result { () throws(ServiceError) in try submission(item) }
        }
    }

    static func submission(_ item: JSONTapeValue) throws(ServiceError) -> LabResultSubmission {
        guard item.isObject else { throw ServiceError(.malformedJSON, "Each result must be a JSON object.") }
        if item.firstKey(where: { key, _ in !Self.fields.contains(item.tape.string(at: key)) }) != nil {
            throw ServiceError(
                .unknownField, "A result may hold only \(Self.fields.sorted().joined(separator: ", ")).")
        }
        /// The field's text; nil when it is absent or null.
        func optionalText(_ name: StaticString) throws(ServiceError) -> String? {
            guard let value = item[name], !value.isNull else { return nil }
            guard let text = value.stringValue else {
                throw ServiceError(.invalidField, "The field '\(name)' must be a string.")
            }
            return text
        }
        func text(_ name: StaticString) throws(ServiceError) -> String {
            guard let text = try optionalText(name) else {
                throw ServiceError(.missingField, "The field '\(name)' is required.")
            }
            return text
        }
        return try LabResultSubmission(
            sampleId: try text("sampleId"), nationalId: try text("nationalId"), test: try text("test"),
            result: try text("result"), sampledAt: try text("sampledAt"), resultedAt: try optionalText("resultedAt"),
            device: try optionalText("device"))
    }
}
