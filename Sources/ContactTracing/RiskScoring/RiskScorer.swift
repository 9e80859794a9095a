/// Scores exposure windows the ENv2 way and sums them per day.
///
/// Window score (weighted minutes) = Σ seconds × attenuation-bucket weight / 60 × infectiousness weight ×
/// report-type weight. Windows below the minimum score are reported but not counted in the daily summaries.
public struct RiskScorer: Sendable {
    public let configuration: RiskConfiguration

    public init(configuration: RiskConfiguration = .standard) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Scores every window of `result` and builds the daily summaries.
    public func report(for result: ExposureMatchResult) -> ExposureReport {
        let scored = result.windows.map(score)
        var days: [Int64: DailySummary] = [:]
        for window in scored where window.isCounted {
            days[window.window.day, default: DailySummary(day: window.window.day)].add(window)
        }
        return ExposureReport(
            matchedKeys: result.matchedKeyCount, matchedSightings: result.matchedSightingCount, windows: scored,
            dailySummaries: days.keys.sorted().map { days[$0]! })
    }

    /// The score of one window.
    public func score(_ window: ExposureWindow) -> ScoredWindow {
        var weightedSeconds = 0.0
        var previous: Int64? = nil
        let cap = Int64(configuration.secondsPerSighting)
        for sighting in window.sightings {
            let seconds = previous.map { min(sighting.sighting.time - $0, cap) } ?? cap
            weightedSeconds += Double(seconds) * attenuationWeight(sighting.attenuation)
            previous = sighting.sighting.time
        }
        let infectiousness = infectiousness(of: window.key)
        let weightedMinutes = weightedSeconds / 60
        let score = weightedMinutes * infectiousnessWeight(infectiousness) * reportTypeWeight(window.key.reportType)
        return ScoredWindow(
            window: window, infectiousness: infectiousness, weightedMinutes: weightedMinutes, score: score,
            isCounted: score >= configuration.minimumWindowScore && score > 0)
    }

    func attenuationWeight(_ attenuation: Int) -> Double {
        let thresholds = configuration.attenuationThresholds
        let weights = configuration.attenuationWeights
        if attenuation <= thresholds.immediate { return weights.immediate }
        if attenuation <= thresholds.near { return weights.near }
        if attenuation <= thresholds.medium { return weights.medium }
        return weights.other
    }

    func infectiousness(of key: DiagnosisKey) -> RiskConfiguration.Infectiousness {
        guard let days = key.daysSinceOnsetOfSymptoms else { return configuration.infectiousnessWhenOnsetUnknown }
        return configuration.infectiousnessByDaysSinceOnset[String(days)] ?? .none
    }

    func infectiousnessWeight(_ infectiousness: RiskConfiguration.Infectiousness) -> Double {
        switch infectiousness {
        case .none: 0
        case .standard: configuration.infectiousnessWeights.standard
        case .high: configuration.infectiousnessWeights.high
        }
    }

    func reportTypeWeight(_ type: ReportType) -> Double {
        let weights = configuration.reportTypeWeights
        switch type {
        case .confirmedTest: return weights.confirmedTest
        case .confirmedClinicalDiagnosis: return weights.confirmedClinicalDiagnosis
        case .selfReport: return weights.selfReport
        case .recursive: return weights.recursive
        case .revoked: return 0
        case .unknown:
            let assumed = ReportType.allCases.first { $0.name == configuration.reportTypeWhenUnknown } ?? .confirmedTest
            return assumed == .unknown ? 0 : reportTypeWeight(assumed)
        }
    }
}
