public import Foundation

/// The formats `healthctl results import` reads, told apart by content rather than by file name.
public enum LabResultFileFormat: String, Sendable, Hashable, CaseIterable {
    /// RFC 4180 CSV with a header row; see ``LabResultCSVReader``.
    case csv
    /// A FHIR R4 Bundle of Observations in JSON; see ``LabResultFHIRReader``.
    case fhirBundle = "fhir-bundle"

    /// The format of `data`: a FHIR Bundle when its first byte other than whitespace (after a UTF-8 byte-order
    /// mark) is `{`, CSV otherwise.
    public init(detecting data: Data) {
        let byteOrderMark = ImportText.byteOrderMark
        let start =
            data.starts(with: byteOrderMark)
            ? data.index(data.startIndex, offsetBy: byteOrderMark.count) : data.startIndex
        let first = data[start...].first { !ImportText.isWhitespace($0) }
        self = first == UInt8(ascii: "{") ? .fhirBundle : .csv
    }

    /// The reader for this format.
    public var reader: any LabResultFileReader {
        switch self {
        case .csv: LabResultCSVReader()
        case .fhirBundle: LabResultFHIRReader()
        }
    }

    /// Reads `data` with the reader of the format its content shows.
    public static func read(_ data: Data) throws(ServiceError) -> [LabResultImportRow] {
        try Self(detecting: data).reader.read(data)
    }
}
