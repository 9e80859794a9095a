/// A failure inside the OpenSSL layer: bad key material, a malformed certificate, or an OpenSSL call that failed.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, stable across releases so callers can match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case invalidKey = "invalid-key"
            case invalidInput = "invalid-input"
            case invalidCertificate = "invalid-certificate"
            case unsupportedAlgorithm = "unsupported-algorithm"
            case internalFailure = "internal-failure"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Key material that does not parse, is on the wrong curve, or does not match.
        public static let invalidKey = Code(.invalidKey)
        /// Malformed data or parameters: wrong lengths, bad encodings, out-of-range values.
        public static let invalidInput = Code(.invalidInput)
        /// A certificate or certificate bundle that cannot be read.
        public static let invalidCertificate = Code(.invalidCertificate)
        /// An algorithm this module does not offer.
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// OpenSSL failed where it should not (out of memory, broken installation).
        public static let internalFailure = Code(.internalFailure)

        /// The stable text of the code, such as "invalid-key".
        public var description: String { value.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// Detail for logs and people (OpenSSL's own message where there is one), never for clients.
    public let reason: String

    /// An error with `code` and a `reason` for logs.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// Errors are equal when their codes are; the reason is only detail.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code, matching `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code followed by the reason.
    public var description: String { "\(code): \(reason)" }
}
