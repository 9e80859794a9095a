/// An exposure window with its ENv2 score.
public struct ScoredWindow: Hashable, Sendable {
    public let window: ExposureWindow
    public let infectiousness: RiskConfiguration.Infectiousness
    /// Σ seconds × attenuation weight, in minutes.
    public let weightedMinutes: Double
    public let score: Double
    /// Whether the window reaches the minimum score and so counts in its day's summary.
    public let isCounted: Bool
}

/// The counted windows of one UTC day.
public struct DailySummary: Hashable, Sendable {
    public let day: Int64
    public private(set) var maximumScore = 0.0
    public private(set) var scoreSum = 0.0
    public private(set) var weightedMinutesSum = 0.0
    public private(set) var windowCount = 0

    init(day: Int64) {
        self.day = day
    }

    /// The day as YYYY-MM-DD.
    public var date: String { ExposureWindow.date(ofDay: day) }

    mutating func add(_ window: ScoredWindow) {
        maximumScore = max(maximumScore, window.score)
        scoreSum += window.score
        weightedMinutesSum += window.weightedMinutes
        windowCount += 1
    }
}

/// Everything `exposure match` reports: counts, scored windows and daily summaries.
public struct ExposureReport: Hashable, Sendable {
    public let matchedKeys: Int
    public let matchedSightings: Int
    public let windows: [ScoredWindow]
    public let dailySummaries: [DailySummary]
}
