/// A failure in exposure-notification work: an invalid key or sighting, a malformed export file, a bad
/// signature or an invalid risk configuration.
public struct ContactTracingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, stable across releases so callers can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case invalidKeyLength = "invalid-key-length"
            case invalidRollingPeriod = "invalid-rolling-period"
            case rollingStartInFuture = "rolling-start-in-future"
            case keyTooOld = "key-too-old"
            case overlappingKeys = "overlapping-keys"
            case duplicateKeys = "duplicate-keys"
            case tooManyKeysWithSameStart = "too-many-keys-with-same-start"
            case invalidDaysSinceOnset = "invalid-days-since-onset"
            case invalidTransmissionRisk = "invalid-transmission-risk"
            case invalidReportType = "invalid-report-type"
            case invalidIntervalNumber = "invalid-interval-number"
            case invalidMetadata = "invalid-metadata"
            case invalidRPI = "invalid-rpi"
            case invalidAEM = "invalid-aem"
            case invalidSighting = "invalid-sighting"
            case invalidJSON = "invalid-json"
            case invalidArchive = "invalid-archive"
            case missingEntry = "missing-entry"
            case unexpectedEntry = "unexpected-entry"
            case entryTooLarge = "entry-too-large"
            case invalidHeader = "invalid-header"
            case malformedProtobuf = "malformed-protobuf"
            case invalidExportField = "invalid-export-field"
            case missingSignature = "missing-signature"
            case invalidSignature = "invalid-signature"
            case signatureMismatch = "signature-mismatch"
            case invalidConfiguration = "invalid-configuration"
            case invalidCertificate = "invalid-certificate"
            case certificateExpired = "certificate-expired"
            case cryptoFailure = "crypto-failure"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Key data is not 16 bytes.
        public static let invalidKeyLength = Code(.invalidKeyLength)
        /// Rolling period outside 1...144.
        public static let invalidRollingPeriod = Code(.invalidRollingPeriod)
        /// The key starts after the current interval.
        public static let rollingStartInFuture = Code(.rollingStartInFuture)
        /// The key starts before the retention window (15 days, from UTC midnight).
        public static let keyTooOld = Code(.keyTooOld)
        /// Two keys with different starts cover a common interval.
        public static let overlappingKeys = Code(.overlappingKeys)
        /// The same key data appears twice among the keys of one upload.
        public static let duplicateKeys = Code(.duplicateKeys)
        /// More than the allowed number of keys (3) share one rolling start.
        public static let tooManyKeysWithSameStart = Code(.tooManyKeysWithSameStart)
        /// Days since onset of symptoms outside −14...14.
        public static let invalidDaysSinceOnset = Code(.invalidDaysSinceOnset)
        /// Transmission risk level outside 0...8.
        public static let invalidTransmissionRisk = Code(.invalidTransmissionRisk)
        /// A report type that the export format does not define.
        public static let invalidReportType = Code(.invalidReportType)
        /// An interval number or time outside the 32-bit ENIntervalNumber range.
        public static let invalidIntervalNumber = Code(.invalidIntervalNumber)
        /// Bluetooth metadata is not 4 bytes.
        public static let invalidMetadata = Code(.invalidMetadata)
        /// A rolling proximity identifier is not 16 bytes (32 hex digits).
        public static let invalidRPI = Code(.invalidRPI)
        /// Associated encrypted metadata is not 4 bytes (8 hex digits).
        public static let invalidAEM = Code(.invalidAEM)
        /// A sighting's time or RSSI is out of range.
        public static let invalidSighting = Code(.invalidSighting)
        /// A JSON input does not have the documented shape.
        public static let invalidJSON = Code(.invalidJSON)
        /// The export is not a readable zip archive.
        public static let invalidArchive = Code(.invalidArchive)
        /// The export zip lacks export.bin or export.sig.
        public static let missingEntry = Code(.missingEntry)
        /// The export zip holds an entry other than export.bin and export.sig.
        public static let unexpectedEntry = Code(.unexpectedEntry)
        /// An entry exceeds its size limit (also when it inflates past it).
        public static let entryTooLarge = Code(.entryTooLarge)
        /// export.bin does not start with the 16-byte "EK Export v1" header.
        public static let invalidHeader = Code(.invalidHeader)
        /// The protobuf body cannot be decoded.
        public static let malformedProtobuf = Code(.malformedProtobuf)
        /// A decoded export field is out of range (region, batch numbers, too many entries).
        public static let invalidExportField = Code(.invalidExportField)
        /// export.sig holds no signature.
        public static let missingSignature = Code(.missingSignature)
        /// A signature is not a DER ECDSA signature or names an unsupported algorithm.
        public static let invalidSignature = Code(.invalidSignature)
        /// No signature verifies export.bin under the given public key.
        public static let signatureMismatch = Code(.signatureMismatch)
        /// The risk-scoring configuration is out of range.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A verification certificate is not a JWS, is not signed by a known key, or is for another audience.
        public static let invalidCertificate = Code(.invalidCertificate)
        /// A verification certificate's `exp` has passed.
        public static let certificateExpired = Code(.certificateExpired)
        /// The crypto layer failed on valid input.
        public static let cryptoFailure = Code(.cryptoFailure)

        public var description: String { value.rawValue }
    }

    public let code: Code
    /// Detail for logs and people, never for clients.
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code): \(reason)" }
}
