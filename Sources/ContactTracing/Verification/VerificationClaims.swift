/// What a verification certificate asserts (the reference verification server's claims): who issued it, for
/// which key server, when it expires, the diagnosis, and the HMAC of the keys it allows to be published.
public struct VerificationClaims: Codable, Hashable, Sendable {
    /// The audience every certificate names: the key server.
    public static let keyServerAudience = "exposure-notifications-server"

    /// The diagnosis the certificate vouches for, as the verification server names it.
    public enum TestType: String, Codable, Hashable, Sendable, CaseIterable {
        /// A positive laboratory test (PCR).
        case confirmed
        /// A clinical diagnosis or a positive rapid test.
        case likely

        /// The report type published keys carry.
        public var reportType: ReportType {
            switch self {
            case .confirmed: .confirmedTest
            case .likely: .confirmedClinicalDiagnosis
            }
        }

        /// The transmission risk a key sent without one (0) is stored with, as the reference key server fills it in
        /// for apps of Exposure Notifications v1, which weigh keys by it rather than by report type.
        public var defaultTransmissionRisk: Int {
            switch self {
            case .confirmed: 2
            case .likely: 4
            }
        }
    }

    public var issuer: String
    public var audience: String
    /// Unix seconds.
    public var issuedAt: Int64
    /// Unix seconds; the certificate is refused before this second (less ``VerificationCertificate/clockSkew``).
    /// The reference verification server sets it, as we do, to `iat`; certificates without one are taken.
    public var notBefore: Int64?
    /// Unix seconds; the certificate is refused from this second on.
    public var expiresAt: Int64
    public var reportType: TestType
    /// The first interval of the UTC day symptoms started (or, without symptoms, of the test).
    public var symptomOnsetInterval: UInt32
    /// Standard base64 of the ``TEKMAC`` of the keys to publish.
    public var tekmac: String

    public init(
        issuer: String, audience: String = Self.keyServerAudience, issuedAt: Int64, notBefore: Int64? = nil,
        expiresAt: Int64, reportType: TestType, symptomOnsetInterval: UInt32, tekmac: String
    ) {
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
        self.reportType = reportType
        self.symptomOnsetInterval = symptomOnsetInterval
        self.tekmac = tekmac
    }

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case audience = "aud"
        case issuedAt = "iat"
        case notBefore = "nbf"
        case expiresAt = "exp"
        case reportType, symptomOnsetInterval, tekmac
    }

    /// Days from symptom onset to the UTC day `key` started, or nil outside the export format's −14...14.
    public func daysSinceOnset(of key: DiagnosisKey) -> Int? {
        let onsetDay = Int64(symptomOnsetInterval / ENIntervalNumber.intervalsPerDay)
        let keyDay = Int64(key.rollingStartIntervalNumber.rawValue / ENIntervalNumber.intervalsPerDay)
        let days = Int(keyDay - onsetDay)
        return DiagnosisKey.daysSinceOnsetRange.contains(days) ? days : nil
    }
}
