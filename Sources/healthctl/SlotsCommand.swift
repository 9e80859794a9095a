import ArgumentParser
import HealthServices

/// `healthctl slots`: bookable periods at centres.
struct SlotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Create slots in bulk and list them.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create one slot every --every from --from up to --to.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The centre's id.")
        var centre: String

        @Option(name: .long, help: "The catalogue service id, such as pcr or comirnaty.")
        var service: String

        @Option(name: .long, help: "The first slot's start, ISO 8601 with a zone (2026-03-01T08:00:00+03:00).")
        var from: String

        @Option(name: .long, help: "The end of the period: no slot starts at or after it.")
        var to: String

        @Option(name: .long, help: "The slot length and spacing, such as 15m or 1h.")
        var every: String

        @Option(name: .long, help: "Seats per slot.")
        var capacity: Int

        func run() async throws {
            let schedule = try SlotSchedule(
                centreId: centre, service: service, from: from, to: to, every: every, capacity: capacity)
            let created = try await options.withServices {
                try await $0.scheduling.createSlots(schedule, by: options.principal)
            }
            if options.json { try options.printJSON(["created": created]) } else { print("created \(created) slots") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List slots, full ones included, by start time.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "Only this catalogue service.")
        var service: String?

        @Option(name: .long, help: "Only this centre id.")
        var centre: String?

        @Option(name: .long, help: "Only centres in this area.")
        var area: String?

        @Option(name: .long, help: "From this time (ISO 8601; default now).")
        var from: String?

        @Option(name: .long, help: "Up to this time (ISO 8601; default 14 days after --from).")
        var to: String?

        @Option(name: .long, help: "At most this many slots (1-500).")
        var limit: Int = 100

        func run() async throws {
            let slots = try await options.withServices {
                try await $0.scheduling.searchSlots(
                    service: service, centre: centre, area: area, from: from, to: to, limit: String(limit),
                    includeFull: true
                )
            }
            options.noteIfCut(slots.count, limit: limit)
            if options.json { return try options.printJSON(Array(slots)) }
            var table = TextTable("ID", "CENTRE", "SERVICE", "START", "MIN", "CAPACITY", "REMAINING")
            for slot in slots {
                table.add(
                    slot.id, slot.centreId, slot.service, slot.start.iso8601, String(slot.durationMinutes),
                    String(slot.capacity), String(slot.remaining))
            }
            table.print()
        }
    }
}
