import ArgumentParser
import ContactTracing
import Foundation

/// `healthctl exposure match`: matches observed sightings against diagnosis keys and scores the exposure.
struct ExposureMatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match sightings against diagnosis keys; print exposure windows, scores and daily summaries."
    )

    @Option(name: .long, help: "Diagnosis keys: an export zip, or a JSON key list.")
    var keys: String

    @Option(name: .long, help: "Sightings: JSON [{\"rpi\": hex, \"aem\": hex, \"time\": unix seconds, \"rssi\": dBm}].")
    var sightings: String

    @Option(name: .long, help: "ENv2 risk configuration as JSON (default: the documented standard configuration).")
    var config: String?

    @Flag(name: .long, help: "Print the report as JSON, starting with matchedKeys and matchedSightings.")
    var json = false

    func run() async throws {
        let keyData = try InputFile.read(keys, option: "--keys")
        let sightingData = try InputFile.read(sightings, option: "--sightings")
        let configData = try config.map { try InputFile.read($0, option: "--config") }
        let configuration = try configData.map(RiskConfiguration.decode(json:)) ?? .standard
        let keyList = try DiagnosisKey.decodeKeyFile(keyData)
        let matcher = ExposureMatcher(sightings: try Sighting.decodeJSONList(sightingData))
        let report = try RiskScorer(configuration: configuration).report(for: try await matcher.match(keyList))
        if json {
            ExposureCommand.write(try report.jsonData())
        } else {
            print(Self.text(report))
        }
    }

    static func text(_ report: ExposureReport) -> String {
        var lines = ["matched keys: \(report.matchedKeys), matched sightings: \(report.matchedSightings)"]
        if !report.windows.isEmpty {
            lines.append("windows:")
            for scored in report.windows {
                let window = scored.window
                lines.append(
                    "  \(window.date) \(window.startTime)-\(window.endTime) sightings \(window.sightings.count) "
                        + "min attenuation \(window.minimumAttenuation) dB, \(scored.infectiousness.rawValue), "
                        + "\(window.key.reportType.name): score \(String(format: "%.2f", scored.score))"
                        + (scored.isCounted ? "" : " (below minimum)"))
            }
        }
        if !report.dailySummaries.isEmpty {
            lines.append("daily summaries:")
            for day in report.dailySummaries {
                lines.append(
                    "  \(day.date) windows \(day.windowCount) max \(String(format: "%.2f", day.maximumScore)) "
                        + "sum \(String(format: "%.2f", day.scoreSum)) weighted minutes \(String(format: "%.2f", day.weightedMinutesSum))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
