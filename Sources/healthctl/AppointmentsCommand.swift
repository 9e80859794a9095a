import ArgumentParser
import HealthServices

/// `healthctl appointments`: list, cancel and check in.
struct AppointmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments",
        abstract: "List, cancel and check in appointments.",
        subcommands: [List.self, Cancel.self, CheckIn.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List appointments by slot start.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "Only this centre id.")
        var centre: String?

        @Option(name: .long, help: "Only this person id.")
        var person: String?

        @Option(name: .long, help: "Only slots on this date in Bahrain (YYYY-MM-DD).")
        var date: String?

        @Option(name: .long, help: "Only this status: booked, checked-in, completed or cancelled.")
        var status: String?

        @Option(name: .long, help: "At most this many (1-1000).")
        var limit: Int = 100

        func run() async throws {
            var filter = AppointmentFilter(centreId: centre, personId: person, limit: limit)
            if let date {
                guard let day = CalendarDate(iso8601: date) else { throw ValidationError("--date must be YYYY-MM-DD.") }
                filter.date = day
            }
            if let status {
                guard let value = Appointment.Status(rawValue: status) else {
                    throw ValidationError("--status must be booked, checked-in, completed or cancelled.")
                }
                filter.status = value
            }
            let appointments = try await options.withServices {
                try await $0.appointments.appointments(for: options.principal, filter: filter)
            }
            options.noteIfCut(appointments.count, limit: limit)
            if options.json {
                return try options.printJSON(appointments.map { AppointmentView($0, for: options.principal) })
            }
            var table = TextTable("ID", "START", "CENTRE", "SERVICE", "PERSON", "STATUS")
            for appointment in appointments {
                table.add(
                    appointment.id, appointment.start.iso8601, appointment.centreId, appointment.service,
                    appointment.personId, appointment.status.rawValue)
            }
            table.print()
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a booked appointment and free its seat.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The appointment id.")
        var id: String

        func run() async throws {
            let appointment = try await options.withServices {
                try await $0.appointments.cancel(appointmentID: id, by: options.principal)
            }
            if options.json {
                try options.printJSON(AppointmentView(appointment, for: options.principal))
            } else {
                print("\(appointment.id) \(appointment.status.rawValue)")
            }
        }
    }

    struct CheckIn: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-in", abstract: "Check a person in with their 4-digit code.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The appointment id.")
        var id: String

        @Option(name: .long, help: "The 4-digit check-in code the person shows.")
        var code: String

        func run() async throws {
            let appointment = try await options.withServices {
                try await $0.appointments.checkIn(appointmentID: id, code: code, by: options.principal)
            }
            if options.json {
                try options.printJSON(AppointmentView(appointment, for: options.principal))
            } else {
                print("\(appointment.id) \(appointment.status.rawValue)")
            }
        }
    }
}
