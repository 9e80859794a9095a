import ArgumentParser
import Foundation
import HealthServices

/// `healthctl people`: register people without the app, from a CSV file, and list them.
struct PeopleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Import and list registered people.",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Register people from a CSV file with the header nationalId,dateOfBirth,name,phone (phone may be empty); all or none."
        )

        @OptionGroup var options: OperatorOptions

        @Argument(help: "The CSV file.")
        var file: String

        func run() async throws {
            let services = try options.services()
            let text = try String(contentsOfFile: file, encoding: .utf8)
            var lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
            guard let header = lines.first, CSVLine.fields(header) == ["nationalId", "dateOfBirth", "name", "phone"]
            else {
                throw ValidationError("The first line must be the header nationalId,dateOfBirth,name,phone.")
            }
            lines.removeFirst()
            var people: [PersonDetails] = []
            for (index, line) in lines.enumerated() {
                guard let fields = CSVLine.fields(line), fields.count == 4 else {
                    throw ValidationError("Line \(index + 2): expected 4 comma-separated fields.")
                }
                do {
                    people.append(
                        try services.accounts.checkedDetails(
                            nationalId: fields[0], dateOfBirth: fields[1], name: fields[2],
                            phone: fields[3].isEmpty ? nil : fields[3]
                        ))
                } catch {
                    throw ValidationError("Line \(index + 2): \(error.detail)")
                }
            }
            let created = try await services.accounts.register(people, by: options.principal)
            if options.json {
                try options.printJSON(["created": created.count])
            } else {
                print("registered \(created.count) people")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered people in id order.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "At most this many people.")
        var limit: Int = 100

        func run() async throws {
            let services = try options.services()
            var people: [Person] = []
            var cursor = ""
            while people.count < limit {
                let page = try await services.accounts.people(after: cursor, limit: min(10_000, limit - people.count))
                guard let last = page.last else { break }
                people += page
                cursor = last.id
            }
            if options.json { return try options.printJSON(people) }
            var table = TextTable("ID", "NATIONAL ID", "BORN", "NAME")
            for person in people { table.add(person.id, person.nationalId, person.dateOfBirth.iso8601, person.name) }
            table.print()
        }
    }
}

/// One line of a simple CSV file (RFC 4180 quoting, no line breaks inside fields).
enum CSVLine {
    /// The fields of `line`, or nil when a quoted field is not closed.
    static func fields(_ line: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch (character, inQuotes) {
            case ("\"", true):
                if let next = characters.next() {
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        if next == "," { fields.append(field); field = "" } else { field.append(next) }
                    }
                } else {
                    inQuotes = false
                }
            case ("\"", false) where field.isEmpty: inQuotes = true
            case (",", false): fields.append(field); field = ""
            default: field.append(character)
            }
        }
        guard !inQuotes else { return nil }
        fields.append(field)
        return fields
    }
}
