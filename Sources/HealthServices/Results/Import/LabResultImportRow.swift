/// One record of a lab-result import file: where it is in the file, and its raw fields or why they cannot be
/// read.
public struct LabResultImportRow: Sendable, Hashable {
    /// The 1-based physical line a CSV record starts on, or the 1-based index of a FHIR Bundle entry.
    public let line: Int
    /// The position for people: `line 12`, `entry 3 (Observation/abc)`.
    public let location: String
    /// The record's fields, or the reason this record cannot be read (the rest of the file still can).
    public let fields: Result<LabResultFields, ServiceError>

    public init(line: Int, location: String, fields: Result<LabResultFields, ServiceError>) {
        self.line = line
        self.location = location
        self.fields = fields
    }
}
