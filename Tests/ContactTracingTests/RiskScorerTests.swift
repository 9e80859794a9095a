import ContactTracing
import Foundation
import Testing

/// ENv2 scoring: attenuation buckets, infectiousness, report-type weights, minimum score, daily summaries.
@Suite struct RiskScorerTests {
    static func window(
        attenuations: [(time: Int64, rssi: Int)], onset: Int? = 0, reportType: ReportType = .confirmedTest
    ) async throws -> ExposureMatchResult {
        let key = try DiagnosisKey(
            key: .generate(), rollingStartIntervalNumber: ExposureMatcherTests.day, reportType: reportType,
            daysSinceOnsetOfSymptoms: onset)
        let sightings = try attenuations.map { entry in
            try ExposureMatcherTests.sighting(
                of: key, interval: 60, at: ExposureMatcherTests.day.unixSeconds + 36_000 + entry.time, rssi: entry.rssi,
                power: 0)
        }
        return try await ExposureMatcher(sightings: sightings).match([key])
    }

    @Test func weightedMinutesFollowTheBuckets() async throws {
        // Attenuations 20 (immediate), 45 (near), 65 (medium), 80 (other); gaps 300, 120, 600 (capped to 300).
        let result = try await Self.window(attenuations: [(0, -20), (300, -45), (420, -65), (1020, -80)])
        let report = RiskScorer.standardScorer.report(for: result)
        let window = try #require(report.windows.first)
        // 300×1 + 300×1 + 120×0.5 + 300×0 = 660 s = 11 weighted minutes; onset day 0 is high (1.0), confirmed test 1.0.
        #expect(window.weightedMinutes == 11)
        #expect(window.score == 11)
        #expect(window.infectiousness == .high)
        #expect(report.dailySummaries.count == 1)
        #expect(report.dailySummaries[0].scoreSum == 11)
        #expect(report.dailySummaries[0].date == "2020-05-21")
        #expect(report.matchedKeys == 1 && report.matchedSightings == 4)
    }

    @Test func infectiousnessAndReportTypeScaleTheScore() async throws {
        let standard = try await Self.window(attenuations: [(0, -20)], onset: 7, reportType: .selfReport)
        let window = try #require(RiskScorer.standardScorer.report(for: standard).windows.first)
        #expect(abs(window.score - 5 * 0.6 * 0.8) < 1e-9)
        let none = try await Self.window(attenuations: [(0, -20)], onset: 12)
        let report = RiskScorer.standardScorer.report(for: none)
        #expect(report.windows.first?.score == 0)
        #expect(report.dailySummaries.isEmpty)
    }

    @Test func minimumWindowScoreDropsWeakWindowsFromSummaries() async throws {
        var configuration = RiskConfiguration.standard
        configuration.minimumWindowScore = 6
        let result = try await Self.window(attenuations: [(0, -20)])
        let report = try RiskScorer(configuration: configuration).report(for: result)
        #expect(report.windows.first?.isCounted == false)
        #expect(report.dailySummaries.isEmpty)
    }

    @Test func partialJSONConfigurationKeepsDefaults() throws {
        let json =
            #"{"minimumWindowScore": 15, "attenuationWeights": {"immediate": 2, "near": 1, "medium": 0.25, "other": 0}}"#
        let configuration = try RiskConfiguration.decode(json: Data(json.utf8))
        #expect(configuration.minimumWindowScore == 15)
        #expect(configuration.attenuationWeights.immediate == 2)
        #expect(configuration.attenuationThresholds == RiskConfiguration.standard.attenuationThresholds)
        let encoded = try JSONEncoder().encode(RiskConfiguration.standard)
        #expect(try RiskConfiguration.decode(json: encoded) == .standard)
    }

    @Test(arguments: [
        #"{"attenuationThresholds": {"immediate": 60, "near": 50, "medium": 70}}"#,
        #"{"infectiousnessWeights": {"standard": 3, "high": 1}}"#,
        #"{"infectiousnessByDaysSinceOnset": {"20": "high"}}"#,
        #"{"reportTypeWhenUnknown": "revoked"}"#,
        #"{"secondsPerSighting": 0}"#,
        #"{"minimumWindowScore": -1}"#,
        #"{"minimumWindowScore": "x"}"#,
    ])
    func invalidConfigurationIsRejected(json: String) {
        #expect(throws: ContactTracingError(.invalidConfiguration, "")) {
            try RiskConfiguration.decode(json: Data(json.utf8))
        }
    }

    @Test func reportJSONStartsWithTheCounts() async throws {
        let result = try await Self.window(attenuations: [(0, -20)])
        let data = try RiskScorer.standardScorer.report(for: result).jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["matchedKeys"] as? Int == 1)
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["\"matchedKeys\"", "\"matchedSightings\"", "\"windows\"", "\"dailySummaries\""]
        let positions = keys.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }
}

extension RiskScorer {
    static let standardScorer = try! RiskScorer()
}
