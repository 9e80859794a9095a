import ArgumentParser
import ContactTracing
import HealthServices

/// The key server's export and upload settings, shared by `serve` and `exposure exports run`.
struct ExposureOptions: ParsableArguments {
    @Option(name: .long, help: "The export region and export key id: the issuer's mobile country code.")
    var region = "426"

    @Option(name: .long, help: "Every export file holds at least this many keys, padded with fake ones.")
    var exportMinKeys = 1_000

    @Option(name: .long, help: "The export batch window and how often the export job runs, such as 15m or 1h.")
    var exportInterval = "1h"

    @OptionGroup var authority: HealthAuthorityOptions

    func validate() throws {
        guard !region.isEmpty, region.utf8.count <= 16,
            region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
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
            exportIntervalSeconds: Int64(DurationText.minutes(exportInterval) ?? 60) * 60,
            healthAuthorityID: authority.healthAuthority, certificateAudience: authority.certificateAudience)
    }
}

/// Who the verification certificates are from and for, as the apps and the verification servers are configured:
/// shared by `serve` and `exposure keys show`.
struct HealthAuthorityOptions: ParsableArguments {
    @Option(name: .long, help: "The healthAuthorityID apps publish under, and the issuer (iss) of our certificates.")
    var healthAuthority = "bh.moh"

    @Option(name: .long, help: "The audience (aud) of the verification certificates: the key server they are for.")
    var certificateAudience = VerificationClaims.keyServerAudience

    func validate() throws {
        for (flag, value) in [("--health-authority", healthAuthority), ("--certificate-audience", certificateAudience)]
        {
            guard (1...128).contains(value.utf8.count), value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ValidationError("\(flag) must be 1 to 128 printable ASCII characters without spaces.")
            }
        }
    }
}
