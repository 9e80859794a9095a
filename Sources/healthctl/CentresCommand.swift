import ArgumentParser
import Foundation
import HealthServices

/// `healthctl centres`: test and vaccination centres.
struct CentresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centres",
        abstract: "Create and list centres.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a centre offering catalogue services.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The centre's name.")
        var name: String

        @Option(name: .long, help: "The area (governorate or district) citizens search by.")
        var area: String

        @Option(name: .long, help: "Comma-separated catalogue service ids offered, such as pcr,comirnaty.")
        var services: String = ""

        func run() async throws {
            let ids = services.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            let centre = try await options.withServices {
                try await $0.scheduling.addCentre(name: name, area: area, services: ids, by: options.principal)
            }
            if options.json { try options.printJSON(["id": centre.id]) } else { print(centre.id) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List centres.")

        @OptionGroup var options: OperatorOptions

        func run() async throws {
            let centres = try await options.withServices { try await $0.scheduling.centres() }
            if options.json { return try options.printJSON(centres) }
            var table = TextTable("ID", "AREA", "NAME", "SERVICES")
            for centre in centres {
                table.add(centre.id, centre.area, centre.name, centre.services.joined(separator: ","))
            }
            table.print()
        }
    }
}
