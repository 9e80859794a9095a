public import Foundation

/// Reading and writing revocation list files: one gateway batch object, or an array of them.
extension RevocationList {
    /// Parses a batch object or an array of batch objects; an empty array is an empty list.
    public init(jsonData data: [UInt8]) throws(CertificateError) {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: Data(data))
        } catch {
            throw CertificateError(.invalidRevocationList, "not JSON: \(error)")
        }
        switch json {
        case .object:
            self.init(batches: [try RevocationBatch(json: json)])
        case .array(let elements):
            var batches: [RevocationBatch] = []
            for (index, element) in elements.enumerated() {
                do {
                    batches.append(try RevocationBatch(json: element))
                } catch {
                    throw CertificateError(.invalidRevocationList, "batch \(index): \(error.reason)")
                }
            }
            self.init(batches: batches)
        default:
            throw CertificateError(.invalidRevocationList, "neither a batch object nor an array of batches")
        }
    }

    /// The list as a JSON array of gateway batch objects (what `GET /v1/revocation-list` serves), keys sorted so
    /// the same list always gives the same bytes.
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(JSONValue.array(batches.map(\.json)))
    }
}
