import ArgumentParser
import HealthServices

/// `healthctl audit`: the hash-chained audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify and read the audit log.",
        subcommands: [Verify.self, List.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain from the first entry; exit 1 naming the first broken entry."
        )

        @OptionGroup var options: OperatorOptions

        func run() async throws {
            let result = try await options.withServices { try await $0.audit.verify() }
            if options.json {
                try options.printJSON(result)
            } else if let broken = result.firstBrokenSequence {
                print(
                    "audit log broken at entry \(broken): \(result.problem ?? "mismatch") (\(result.checkedEntries) entries before it are intact)"
                )
            } else {
                let last = result.lastHash.map { ", the last with hash \($0)" } ?? ""
                print("audit log intact: \(result.checkedEntries) entries\(last)")
            }
            if !result.isIntact { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the newest entries first.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "At most this many entries.")
        var limit: Int = 50

        func run() async throws {
            let entries = try await options.withServices { try await $0.audit.latest(limit: limit) }
            if options.json { return try options.printJSON(entries) }
            var table = TextTable("SEQ", "AT", "ACTOR", "ROLE", "ACTION", "SUBJECT", "DETAILS")
            for entry in entries {
                table.add(
                    String(entry.sequence), entry.at, entry.actor, entry.role, entry.action, entry.subject,
                    entry.details)
            }
            table.print()
        }
    }
}
