import ArgumentParser
import HealthServices

/// The key server's export settings, shared by `serve` and `exposure exports run`.
struct ExposureOptions: ParsableArguments {
    @Option(name: .long, help: "The export region and export key id: the issuer's mobile country code.")
    var region = "426"

    @Option(name: .long, help: "Every export file holds at least this many keys, padded with fake ones.")
    var exportMinKeys = 1_000

    @Option(name: .long, help: "The export batch window and how often the export job runs, such as 15m or 1h.")
    var exportInterval = "1h"

    func validate() throws {
        guard !region.isEmpty, region.utf8.count <= 16, region.allSatisfy({ $0.isASCII && $0.isLetter || $0.isNumber })
        else { throw ValidationError("--region must be 1 to 16 letters or digits, such as 426.") }
        guard (0...750_000).contains(exportMinKeys) else {
            throw ValidationError("--export-min-keys must be 0 to 750000.")
        }
        guard let minutes = DurationText.minutes(exportInterval), minutes <= 1440, 1440 % minutes == 0 else {
            throw ValidationError("--export-interval must divide a day, such as 15m, 1h or 1d.")
        }
    }

    var configuration: ExposureConfiguration {
        ExposureConfiguration(
            region: region, minimumExportKeys: exportMinKeys,
            exportIntervalSeconds: Int64(DurationText.minutes(exportInterval) ?? 60) * 60)
    }
}
