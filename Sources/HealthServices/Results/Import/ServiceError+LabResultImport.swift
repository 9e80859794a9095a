extension ServiceError.Code {
    /// An import file is not UTF-8 text.
    public static let importNotUTF8 = Self("import-not-utf8", .invalidInput)
    /// An import file is too large to read.
    public static let importTooLarge = Self("import-too-large", .invalidInput)
    /// A CSV import file has no header row naming its columns.
    public static let csvMissingHeader = Self("csv-missing-header", .invalidInput)
    /// A CSV header names a column twice.
    public static let csvDuplicateColumn = Self("csv-duplicate-column", .invalidInput)
    /// A CSV record has more or fewer cells than the header has columns.
    public static let csvCellCount = Self("csv-cell-count", .invalidInput)
    /// A CSV record breaks the quoting rules of RFC 4180.
    public static let csvMalformedRecord = Self("csv-malformed-record", .invalidInput)
    /// A JSON import file is not a FHIR R4 Bundle.
    public static let fhirNotBundle = Self("fhir-not-bundle", .invalidInput)
    /// A Bundle entry holds a resource the import does not read (anything but Observation, Patient, Specimen).
    public static let fhirUnsupportedResource = Self("fhir-unsupported-resource", .invalidInput)
    /// An Observation's test code or result code is not one the import maps.
    public static let fhirUnknownCode = Self("fhir-unknown-code", .invalidInput)
    /// An Observation's codings map to different tests or different results.
    public static let fhirConflictingCodes = Self("fhir-conflicting-codes", .invalidInput)
    /// An Observation's status says it holds no result (cancelled, entered in error, unknown).
    public static let fhirNotAResult = Self("fhir-not-a-result", .invalidInput)
    /// A reference names a resource that is not in the Bundle.
    public static let fhirUnresolvedReference = Self("fhir-unresolved-reference", .invalidInput)
    /// A Patient has several identifiers and none of them is marked as the CPR number.
    public static let fhirAmbiguousIdentifier = Self("fhir-ambiguous-identifier", .invalidInput)
}
