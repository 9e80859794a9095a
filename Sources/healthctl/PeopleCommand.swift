import ArgumentParser
import Foundation
import HealthServices

/// `healthctl people`: register people without the app (from a CSV or FHIR file), list them, and record the
/// Latin forms of their names.
struct PeopleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Import and list registered people.",
        subcommands: [Import.self, List.self, PeopleUpdateCommand.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register people from a CSV file or FHIR Patients; all or none.",
            discussion: """
                CSV: a header naming the columns nationalId, dateOfBirth, familyName, givenName, familyNameLatin, \
                givenNameLatin, name, phone in any order (nationalId, dateOfBirth, and familyName or name required; \
                empty cells are absent). FHIR: a Patient or a Bundle of Patients in JSON (name.family/given; a \
                second name of use "official" gives the Latin forms).
                """
        )

        @OptionGroup var options: OperatorOptions

        @Argument(help: "The CSV or FHIR JSON file.")
        var file: String

        func run() async throws {
            let rows = try PeopleFileFormat.read(try InputFile.read(file, option: "FILE"))
            let created = try await options.withServices { services in
                var people: [PersonDetails] = []
                var locations: [String] = []
                var problems: [String] = []
                for row in rows {
                    do throws(ServiceError) {
                        let fields = try row.fields.get()
                        people.append(
                            try services.accounts.checkedDetails(
                                nationalId: fields.nationalId, dateOfBirth: fields.dateOfBirth, names: fields.names,
                                phone: fields.phone))
                        locations.append(row.location)
                    } catch {
                        problems.append("\(row.location): \(error.code): \(error.detail)")
                    }
                }
                guard problems.isEmpty else {
                    throw CommandFailure.Refusal(
                        "invalid-rows", "nothing was imported:\n" + problems.joined(separator: "\n"))
                }
                return try await services.accounts.register(people, labelled: locations, by: options.principal)
            }
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
            let people = try await options.withServices { services in
                var people: [Person] = []
                var cursor = ""
                while people.count < limit {
                    let page = try await services.accounts.people(
                        after: cursor, limit: min(10_000, limit - people.count))
                    guard let last = page.last else { break }
                    people += page
                    cursor = last.id
                }
                return people
            }
            options.noteIfCut(people.count, limit: limit)
            if options.json { return try options.printJSON(people) }
            var table = TextTable("ID", "NATIONAL ID", "BORN", "FAMILY NAME", "GIVEN NAME", "LATIN")
            for person in people {
                let latin = [person.familyNameLatin, person.givenNameLatin].compactMap { $0 }.joined(separator: ", ")
                table.add(
                    person.id, person.nationalId, person.dateOfBirth.iso8601,
                    person.familyName + (person.nameWasSplit ? " (split)" : ""), person.givenName ?? "-",
                    latin.isEmpty ? "-" : latin)
            }
            table.print()
        }
    }
}
