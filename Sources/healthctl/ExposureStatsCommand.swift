import ArgumentParser
import HealthServices

/// `healthctl exposure stats`: what the key server did per day, small counts hidden; `--json` prints
/// `[{day, codesIssued, codesUsed, publishes, keysPublished, batchesWritten}]`.
struct ExposureStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract:
            "Per-day counts of codes issued and used, publishes, keys published and batches written (<10 below 10)."
    )

    @OptionGroup var options: OperatorOptions

    struct Row: Encodable {
        let day: String
        let codesIssued: String
        let codesUsed: String
        let publishes: String
        let keysPublished: String
        let batchesWritten: String
    }

    func run() async throws {
        let shown = ExposureStatisticsService.shown
        let rows = try await options.withServices { try await $0.exposureStatistics.dailyCounts() }.map {
            Row(
                day: $0.day, codesIssued: shown($0.codesIssued), codesUsed: shown($0.codesUsed),
                publishes: shown($0.publishes), keysPublished: shown($0.keysPublished),
                batchesWritten: shown($0.batchesWritten))
        }
        if options.json { return try options.printJSON(rows) }
        var table = TextTable("DAY", "CODES ISSUED", "CODES USED", "PUBLISHES", "KEYS", "BATCHES")
        for row in rows {
            table.add(row.day, row.codesIssued, row.codesUsed, row.publishes, row.keysPublished, row.batchesWritten)
        }
        table.print()
    }
}
