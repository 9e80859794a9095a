public import ContactTracing

/// How the key server publishes: for which region, how often, padded to how many keys, under which health
/// authority.
public struct ExposureConfiguration: Sendable, Hashable {
    /// The export region and key id: the issuer country's mobile country code (Bahrain: 426).
    public var region: String
    /// Each export file holds at least this many keys, fake ones making up the difference.
    public var minimumExportKeys: Int
    /// The length of an export batch window, and how often the export job runs.
    public var exportIntervalSeconds: Int64
    /// The `healthAuthorityID` apps publish under, and the `iss` of the certificates.
    public var healthAuthorityID: String
    /// The `aud` of the certificates: the key server they are for.
    public var certificateAudience: String

    public init(
        region: String = "426", minimumExportKeys: Int = 1_000, exportIntervalSeconds: Int64 = 3600,
        healthAuthorityID: String = "bh.moh", certificateAudience: String = VerificationClaims.keyServerAudience
    ) {
        self.region = region
        self.minimumExportKeys = minimumExportKeys
        self.exportIntervalSeconds = exportIntervalSeconds
        self.healthAuthorityID = healthAuthorityID
        self.certificateAudience = certificateAudience
    }

    /// How long keys and export files are kept.
    static let retentionSeconds: Int64 = 14 * 86_400
}
