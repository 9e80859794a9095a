public import Foundation

/// The `exposure match --json` form: `matchedKeys` and `matchedSightings` first, then windows and daily summaries.
extension ExposureReport {
    /// Pretty-printed JSON in the documented key order (written by hand: JSONEncoder does not keep key order).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func indented(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self).replacingOccurrences(of: "\n", with: "\n  ")
        }
        let text = """
            {
              "matchedKeys" : \(matchedKeys),
              "matchedSightings" : \(matchedSightings),
              "windows" : \(try indented(windows)),
              "dailySummaries" : \(try indented(dailySummaries))
            }
            """
        return Data(text.utf8)
    }
}

extension ScoredWindow: Encodable {
    private enum CodingKeys: String, CodingKey {
        case date, startTime, endTime, key, reportType, daysSinceOnsetOfSymptoms, infectiousness, sightings
        case minimumAttenuation, weightedMinutes, score, counted
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(window.date, forKey: .date)
        try container.encode(window.startTime, forKey: .startTime)
        try container.encode(window.endTime, forKey: .endTime)
        try container.encode(Data(window.key.key.keyData).base64EncodedString(), forKey: .key)
        try container.encode(window.key.reportType.name, forKey: .reportType)
        try container.encodeIfPresent(window.key.daysSinceOnsetOfSymptoms, forKey: .daysSinceOnsetOfSymptoms)
        try container.encode(infectiousness.rawValue, forKey: .infectiousness)
        try container.encode(window.sightings.count, forKey: .sightings)
        try container.encode(window.minimumAttenuation, forKey: .minimumAttenuation)
        try container.encode(weightedMinutes, forKey: .weightedMinutes)
        try container.encode(score, forKey: .score)
        try container.encode(isCounted, forKey: .counted)
    }
}

extension DailySummary: Encodable {
    private enum CodingKeys: String, CodingKey {
        case date, maximumScore, scoreSum, weightedMinutesSum, windowCount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(maximumScore, forKey: .maximumScore)
        try container.encode(scoreSum, forKey: .scoreSum)
        try container.encode(weightedMinutesSum, forKey: .weightedMinutesSum)
        try container.encode(windowCount, forKey: .windowCount)
    }
}
