import Certificates

extension JSONTapeParser {
    /// The one value of an import file's JSON, its problems told as import refusals that name the line. A member
    /// named twice in one object refuses the file (`duplicate-member`), as it does a request body: which of the two
    /// values was meant (a status `final`, then `entered-in-error`) cannot be told.
    static func parseImport(_ bytes: ArraySlice<UInt8>) throws(ServiceError) -> JSONTapeValue {
        let value: JSONTapeValue
        do {
            value = try parse(bytes)
        } catch {
            let line = ImportText.line(of: error.offset, in: bytes)
            switch error.reason {
            case .tooLarge: throw ServiceError(.importTooLarge, "A JSON import file must be smaller than 2 GiB.")
            case .notUTF8: throw ImportText.notUTF8(line: line)
            case .malformed(let problem):
                throw ServiceError(.malformedJSON, "The file is not valid JSON: \(problem) (line \(line)).")
            }
        }
        if let name = bytes.withUnsafeBytes({ JSONDuplicateMember.first(in: $0) }) {
            throw JSONDuplicateMember.refusal(naming: name)
        }
        return value
    }
}
