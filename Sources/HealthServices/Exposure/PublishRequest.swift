/// The body of `POST /v1/exposure/publish` (the reference key server's publish request).
package struct PublishRequest: Decodable, Sendable {
    /// One key as a phone sends it.
    package struct Key: Codable, Sendable {
        let key: String
        let rollingStartNumber: Int64
        let rollingPeriod: Int
        /// 0 when absent: newer phones leave it out (the risk comes from the report type).
        let transmissionRisk: Int?
    }

    let temporaryExposureKeys: [Key]
    let healthAuthorityID: String
    let verificationPayload: String
    /// Standard base64 of the phone's HMAC secret.
    let hmacKey: String
    /// Ignored: the certificate's onset is the one that counts.
    let symptomOnsetInterval: Int64?
    let traveler: Bool?
    let revisionToken: String?
    let padding: String?

    /// Every member the body may have: the API refuses a body with any other (`unknown-field`), so a member added above
    /// must be added here too.
    package enum CodingKeys: String, CodingKey, CaseIterable {
        case temporaryExposureKeys, healthAuthorityID, verificationPayload, hmacKey, symptomOnsetInterval, traveler,
            revisionToken, padding
    }
}
