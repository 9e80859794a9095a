public import ContactTracing

/// A key published again by its own upload (with the upload's revision token), and what that changes: the
/// reference server's rules, shared by both stores. The rolling start stays; the rolling period may only grow (a key
/// published while still in use, then again once rolled); the report type may only move from a clinical diagnosis to
/// a confirmed test or to revoked (a likely case tested), taking the new certificate's days since onset and the key's
/// transmission risk (filled in from the report type when the phone sent none); nothing else may change.
public struct KeyRevision: Sendable, Hashable {
    public let rollingPeriod: Int
    public let reportType: ReportType
    public let daysSinceOnset: Int?
    /// The stored transmission risk, or the key's when it was retyped.
    public let transmissionRisk: Int
    public let availableAt: Int64
    /// Whether phones already have the key (its first release was exported), so it goes out in `revisedKeys`.
    public let revised: Bool

    /// The key as stored before.
    public struct Stored: Sendable, Hashable {
        public let rollingStart: Int64
        public let rollingPeriod: Int
        public let reportType: ReportType
        public let daysSinceOnset: Int?
        public let transmissionRisk: Int
        public let availableAt: Int64
        /// Whether an earlier revision found the key already exported.
        public let revised: Bool

        public init(
            rollingStart: Int64, rollingPeriod: Int, reportType: ReportType, daysSinceOnset: Int?,
            transmissionRisk: Int, availableAt: Int64, revised: Bool
        ) {
            self.rollingStart = rollingStart
            self.rollingPeriod = rollingPeriod
            self.reportType = reportType
            self.daysSinceOnset = daysSinceOnset
            self.transmissionRisk = transmissionRisk
            self.availableAt = availableAt
            self.revised = revised
        }
    }

    /// What publishing `key` again changes of `stored`; nil when nothing does. Another rolling start is refused
    /// (``ExposureStoreError/rollingStartChanged``): the stored start with the new key's end would make the key
    /// valid, and exported, hours before it ends. A report type that may not replace the stored one is refused
    /// (``ExposureStoreError/invalidReportTypeTransition``).
    public static func of(
        _ stored: Stored, to key: DiagnosisKey, in publication: KeyPublication, exportedThrough: Int64
    ) throws(ExposureStoreError) -> KeyRevision? {
        guard Int64(key.rollingStartIntervalNumber.rawValue) == stored.rollingStart else { throw .rollingStartChanged }
        let retyped = key.reportType != stored.reportType
        if retyped {
            guard stored.reportType == .confirmedClinicalDiagnosis,
                key.reportType == .confirmedTest || key.reportType == .revoked
            else { throw .invalidReportTypeTransition }
        }
        let lengthened = key.rollingPeriod > stored.rollingPeriod
        guard retyped || lengthened else { return nil }
        return KeyRevision(
            rollingPeriod: max(key.rollingPeriod, stored.rollingPeriod), reportType: key.reportType,
            daysSinceOnset: retyped ? key.daysSinceOnsetOfSymptoms : stored.daysSinceOnset,
            transmissionRisk: retyped ? key.transmissionRiskLevel : stored.transmissionRisk,
            availableAt: publication.availableAt(key, exportedThrough: exportedThrough),
            // Once exported, a key stays revised: a second revision before the next export (its window moved past
            // the cursor by the first) is still a change to a key phones hold.
            revised: stored.revised || stored.availableAt < exportedThrough)
    }
}
