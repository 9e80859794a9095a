import ArgumentParser
import HealthServices

/// `healthctl services`: the catalogue of tests and vaccine products.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "List and extend the service catalogue.",
        subcommands: [List.self, Create.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the catalogue.")

        @OptionGroup var options: OperatorOptions

        func run() async throws {
            let services = try await options.withServices { try await $0.scheduling.careServices() }
            if options.json { return try options.printJSON(services) }
            var table = TextTable("ID", "KIND", "PRODUCT", "MIN DAYS", "NAME")
            for service in services {
                table.add(
                    service.id, service.kind.rawValue, service.productCode ?? "-",
                    service.minimumDaysBetweenDoses.map(String.init) ?? "-", service.name)
            }
            table.print()
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a test or vaccine product to the catalogue.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "A short id: lower-case letters, digits and '-'.")
        var id: String

        @Option(name: .long, help: "The name people see.")
        var name: String

        @Option(name: .long, help: "test or vaccine.")
        var kind: String

        @Option(name: .long, help: "For vaccines: the EU DCC medicinal product code.")
        var productCode: String?

        @Option(name: .long, help: "For vaccines: the least days between two doses.")
        var minimumDaysBetweenDoses: Int?

        func run() async throws {
            let service = try await options.withServices {
                try await $0.scheduling.addCareService(
                    id: id, name: name, kind: kind, productCode: productCode,
                    minimumDaysBetweenDoses: minimumDaysBetweenDoses, by: options.principal
                )
            }
            if options.json { try options.printJSON(service) } else { print(service.id) }
        }
    }
}
