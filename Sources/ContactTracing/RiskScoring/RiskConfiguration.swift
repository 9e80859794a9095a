public import Foundation

/// ENv2 risk-scoring settings: attenuation buckets and weights, infectiousness by days since onset, report-type
/// weights and the minimum window score. Read from JSON; every field is optional and defaults to ``standard``.
///
/// Default (as JSON):
/// ```
/// {"attenuationThresholds": {"immediate": 30, "near": 50, "medium": 70},
///  "attenuationWeights": {"immediate": 1.0, "near": 1.0, "medium": 0.5, "other": 0.0},
///  "infectiousnessWeights": {"standard": 0.6, "high": 1.0},
///  "infectiousnessByDaysSinceOnset": {"-5"…"-3": "standard", "-2"…"3": "high", "4"…"9": "standard"},
///  "infectiousnessWhenOnsetUnknown": "standard",
///  "reportTypeWeights": {"confirmedTest": 1.0, "confirmedClinicalDiagnosis": 1.0, "selfReport": 0.8, "recursive": 0.0},
///  "reportTypeWhenUnknown": "confirmedTest",
///  "minimumWindowScore": 0, "secondsPerSighting": 300}
/// ```
/// Days not listed in `infectiousnessByDaysSinceOnset` have no infectiousness.
public struct RiskConfiguration: Hashable, Sendable, Codable {
    /// Upper attenuation bounds (dB, inclusive) of the immediate, near and medium buckets; above is "other".
    public struct AttenuationThresholds: Hashable, Sendable, Codable {
        public var immediate, near, medium: Int
    }

    /// Weights (0…2.5) of each attenuation bucket.
    public struct AttenuationWeights: Hashable, Sendable, Codable {
        public var immediate, near, medium, other: Double
    }

    /// How infectious a key's holder was on the day the key was used.
    public enum Infectiousness: String, Hashable, Sendable, Codable {
        case none, standard, high
    }

    public struct InfectiousnessWeights: Hashable, Sendable, Codable {
        public var standard, high: Double
    }

    public struct ReportTypeWeights: Hashable, Sendable, Codable {
        public var confirmedTest, confirmedClinicalDiagnosis, selfReport, recursive: Double
    }

    public var attenuationThresholds = AttenuationThresholds(immediate: 30, near: 50, medium: 70)
    public var attenuationWeights = AttenuationWeights(immediate: 1.0, near: 1.0, medium: 0.5, other: 0.0)
    public var infectiousnessWeights = InfectiousnessWeights(standard: 0.6, high: 1.0)
    public var infectiousnessByDaysSinceOnset: [String: Infectiousness] = Self.standardInfectiousness
    public var infectiousnessWhenOnsetUnknown = Infectiousness.standard
    public var reportTypeWeights = ReportTypeWeights(
        confirmedTest: 1.0, confirmedClinicalDiagnosis: 1.0, selfReport: 0.8, recursive: 0.0)
    /// Report type assumed for keys published without one.
    public var reportTypeWhenUnknown = "confirmedTest"
    /// Windows scoring below this (weighted minutes) are left out of the daily summaries.
    public var minimumWindowScore = 0.0
    /// Seconds one sighting stands for: the first of a window counts this long, later ones the gap to the
    /// previous sighting, capped at this.
    public var secondsPerSighting = 300

    /// The documented default.
    public static let standard = RiskConfiguration()

    static let standardInfectiousness: [String: Infectiousness] = {
        var map: [String: Infectiousness] = [:]
        for day in -5...9 { map[String(day)] = (-2...3).contains(day) ? .high : .standard }
        return map
    }()

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RiskConfiguration()
        attenuationThresholds =
            try container.decodeIfPresent(AttenuationThresholds.self, forKey: .attenuationThresholds)
            ?? defaults.attenuationThresholds
        attenuationWeights =
            try container.decodeIfPresent(AttenuationWeights.self, forKey: .attenuationWeights)
            ?? defaults.attenuationWeights
        infectiousnessWeights =
            try container.decodeIfPresent(InfectiousnessWeights.self, forKey: .infectiousnessWeights)
            ?? defaults.infectiousnessWeights
        infectiousnessByDaysSinceOnset =
            try container.decodeIfPresent([String: Infectiousness].self, forKey: .infectiousnessByDaysSinceOnset)
            ?? defaults.infectiousnessByDaysSinceOnset
        infectiousnessWhenOnsetUnknown =
            try container.decodeIfPresent(Infectiousness.self, forKey: .infectiousnessWhenOnsetUnknown)
            ?? defaults.infectiousnessWhenOnsetUnknown
        reportTypeWeights =
            try container.decodeIfPresent(ReportTypeWeights.self, forKey: .reportTypeWeights)
            ?? defaults.reportTypeWeights
        reportTypeWhenUnknown =
            try container.decodeIfPresent(String.self, forKey: .reportTypeWhenUnknown) ?? defaults.reportTypeWhenUnknown
        minimumWindowScore =
            try container.decodeIfPresent(Double.self, forKey: .minimumWindowScore) ?? defaults.minimumWindowScore
        secondsPerSighting =
            try container.decodeIfPresent(Int.self, forKey: .secondsPerSighting) ?? defaults.secondsPerSighting
    }

    /// Reads and validates a JSON configuration.
    public static func decode(json: Data) throws -> RiskConfiguration {
        let configuration: RiskConfiguration
        do {
            configuration = try JSONDecoder().decode(RiskConfiguration.self, from: json)
        } catch {
            throw ContactTracingError(.invalidConfiguration, "risk configuration: \(error)")
        }
        try configuration.validate()
        return configuration
    }

    /// Throws `invalidConfiguration` unless thresholds ascend within 0…255 dB, weights lie in 0…2.5, days are
    /// −14…14, the unknown report type is a scored one and a sighting stands for 1…3600 seconds.
    public func validate() throws {
        let thresholds = attenuationThresholds
        guard 0 <= thresholds.immediate, thresholds.immediate <= thresholds.near, thresholds.near <= thresholds.medium,
            thresholds.medium <= 255
        else { throw ContactTracingError(.invalidConfiguration, "attenuation thresholds must ascend within 0...255") }
        let weights = [
            attenuationWeights.immediate, attenuationWeights.near, attenuationWeights.medium, attenuationWeights.other,
            infectiousnessWeights.standard, infectiousnessWeights.high, reportTypeWeights.confirmedTest,
            reportTypeWeights.confirmedClinicalDiagnosis, reportTypeWeights.selfReport, reportTypeWeights.recursive,
        ]
        guard weights.allSatisfy({ (0...2.5).contains($0) }) else {
            throw ContactTracingError(.invalidConfiguration, "weights must lie in 0...2.5")
        }
        for day in infectiousnessByDaysSinceOnset.keys {
            guard let value = Int(day), DiagnosisKey.daysSinceOnsetRange.contains(value) else {
                throw ContactTracingError(.invalidConfiguration, "day \(day.debugDescription) is not -14...14")
            }
        }
        guard
            ["confirmedTest", "confirmedClinicalDiagnosis", "selfReport", "recursive"].contains(reportTypeWhenUnknown)
        else {
            throw ContactTracingError(
                .invalidConfiguration, "unknown report type \(reportTypeWhenUnknown.debugDescription)")
        }
        guard minimumWindowScore >= 0, minimumWindowScore.isFinite else {
            throw ContactTracingError(.invalidConfiguration, "minimum window score must be a finite number >= 0")
        }
        guard (1...3600).contains(secondsPerSighting) else {
            throw ContactTracingError(.invalidConfiguration, "seconds per sighting must be 1...3600")
        }
    }
}
