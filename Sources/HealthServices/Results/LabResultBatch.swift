package import Foundation

/// Reads a lab's JSON batch: an array of result objects. A batch that is not an array (or is empty, or too
/// long), or that gives a member name twice in one object, is refused whole; an item with a bad or unknown field is
/// refused alone, so its neighbours still count.
package enum LabResultBatch {
    static let fields: Set<String> = ["sampleId", "nationalId", "test", "result", "sampledAt", "resultedAt"]

    package static func parse(_ data: Data) throws(ServiceError) -> [Result<LabResultSubmission, ServiceError>] {
        guard let items = (try? JSONSerialization.jsonObject(with: data, options: [])) as? [Any] else {
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

    static func submission(_ item: Any) throws(ServiceError) -> LabResultSubmission {
        guard let fields = item as? [String: Any] else {
            throw ServiceError(.malformedJSON, "Each result must be a JSON object.")
        }
        if fields.keys.contains(where: { !Self.fields.contains($0) }) {
            throw ServiceError(
                .unknownField, "A result may hold only \(Self.fields.sorted().joined(separator: ", ")).")
        }
        func text(_ name: String) throws(ServiceError) -> String {
            guard let value = fields[name], !(value is NSNull) else {
                throw ServiceError(.missingField, "The field '\(name)' is required.")
            }
            guard let text = value as? String else {
                throw ServiceError(.invalidField, "The field '\(name)' must be a string.")
            }
            return text
        }
        var resultedAt: String?
        if let value = fields["resultedAt"], !(value is NSNull) {
            guard let text = value as? String else {
                throw ServiceError(.invalidField, "The field 'resultedAt' must be a string.")
            }
            resultedAt = text
        }
        return try LabResultSubmission(
            sampleId: try text("sampleId"), nationalId: try text("nationalId"), test: try text("test"),
            result: try text("result"), sampledAt: try text("sampledAt"), resultedAt: resultedAt)
    }
}
