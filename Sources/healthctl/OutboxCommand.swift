import ArgumentParser
import HealthServices

/// `healthctl outbox`: text messages waiting for the SMS gateway.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Read queued text messages (one-time codes).",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the newest messages first.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "At most this many messages.")
        var limit: Int = 100

        func run() async throws {
            let messages = try await options.withServices { try await $0.outbox.latest(limit: limit) }
            if options.json { return try options.printJSON(messages) }
            var table = TextTable("CREATED", "TO", "CODE", "TEXT")
            for message in messages {
                table.add(message.createdAt.iso8601, message.to, message.code ?? "-", message.text)
            }
            table.print()
        }
    }
}
