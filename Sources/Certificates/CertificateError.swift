/// A failure while decoding, verifying or issuing an EU Digital COVID Certificate or a SMART Health Card, one code
/// per failure kind.
public struct CertificateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, stable across releases so callers (and `cert verify --json`) can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible, Codable {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        // HC1 transport: prefix, Base45, zlib.
        public static let wrongPrefix = Code("wrong-prefix")
        public static let base45InvalidCharacter = Code("base45-invalid-character")
        public static let base45InvalidLength = Code("base45-invalid-length")
        public static let base45ValueOverflow = Code("base45-value-overflow")
        public static let invalidZlib = Code("invalid-zlib")
        public static let zipBomb = Code("zip-bomb")
        /// Bytes after the end of the zlib stream: a certificate string is exactly one encoding of its content.
        public static let trailingData = Code("trailing-data")

        // CBOR (RFC 8949).
        public static let cborTruncated = Code("cbor-truncated")
        public static let cborLengthOverflow = Code("cbor-length-overflow")
        public static let cborTooDeep = Code("cbor-too-deep")
        public static let cborTooManyItems = Code("cbor-too-many-items")
        public static let cborInvalidEncoding = Code("cbor-invalid-encoding")
        public static let cborInvalidUTF8 = Code("cbor-invalid-utf8")
        public static let cborTrailingBytes = Code("cbor-trailing-bytes")

        // COSE_Sign1 (RFC 9052) and CWT (RFC 8392).
        public static let wrongTag = Code("cose-wrong-tag")
        public static let wrongArraySize = Code("cose-wrong-array-size")
        public static let malformedCOSE = Code("cose-malformed")
        public static let duplicateHeader = Code("cose-duplicate-header")
        public static let missingAlgorithm = Code("cose-missing-alg")
        public static let unknownAlgorithm = Code("cose-unknown-alg")
        public static let missingKid = Code("cose-missing-kid")
        public static let malformedCWT = Code("cwt-malformed")
        public static let missingHealthCertificate = Code("cwt-missing-hcert")
        public static let missingTimestamp = Code("cwt-missing-timestamp")

        // Trust and signature.
        public static let unknownKid = Code("unknown-kid")
        public static let signatureInvalid = Code("signature-invalid")
        public static let keyAlgorithmMismatch = Code("key-algorithm-mismatch")
        public static let weakKey = Code("weak-key")

        // Validity and policy.
        public static let expired = Code("expired")
        public static let notYetValid = Code("not-yet-valid")
        public static let keyUsageMismatch = Code("key-usage-mismatch")
        public static let schemaViolation = Code("schema-violation")
        /// A coded member (`co`, `ma`, `tt`, …) holds a code its value set does not.
        public static let valueSetViolation = Code("value-set-violation")
        /// A revocation list in the verifier's hands holds one of the certificate's revocation hashes.
        public static let revoked = Code("revoked")

        // Issuing, trust lists, keys and QR codes.
        public static let invalidPayload = Code("invalid-payload")
        public static let invalidTrustList = Code("invalid-trust-list")
        public static let invalidValueSets = Code("invalid-value-sets")
        /// A business rule that is not a gateway rule object with valid CertLogic.
        public static let invalidRule = Code("invalid-rule")
        public static let keysExist = Code("keys-exist")
        public static let invalidKeyStore = Code("invalid-key-store")
        public static let qrEncodingFailed = Code("qr-encoding-failed")

        // Payloads from record values, and revocation lists.
        /// A vaccine medicinal product code (`mp`) the EU value-set table here does not hold.
        public static let unknownVaccineProduct = Code("unknown-vaccine-product")
        public static let invalidRevocationList = Code("invalid-revocation-list")
        /// A holder's name in a script no ICAO 9303 table covers, with no Latin form to write `fnt`/`gnt` from.
        public static let nameNeedsLatinForm = Code("name-needs-latin-form")

        // SMART Health Cards: the numeric QR form, its chunks, raw DEFLATE, the JWS and its FHIR content.
        public static let invalidNumeric = Code("invalid-numeric")
        public static let invalidChunks = Code("invalid-chunks")
        public static let invalidDeflate = Code("invalid-deflate")
        public static let invalidJWS = Code("invalid-jws")
        /// A card whose `iss` is not among the trusted health card issuers.
        public static let unknownIssuer = Code("unknown-issuer")
        public static let invalidFHIR = Code("invalid-fhir")
        /// A SMART Health Cards issuer directory, JWKS or CRL that cannot be read.
        public static let invalidIssuerList = Code("invalid-issuer-list")

        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
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
