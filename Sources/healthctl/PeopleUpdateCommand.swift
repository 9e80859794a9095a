import ArgumentParser
import Certificates
import HealthServices

/// `healthctl people update`: record the Latin forms of a person's name from the population register; the
/// certificates that waited for them are issued at once.
struct PeopleUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Record the Latin forms of a person's name, as printed in the passport (audited).",
        discussion: "Certificates waiting with name-needs-latin-form are issued in the same transaction."
    )

    @OptionGroup var options: OperatorOptions

    @OptionGroup var who: PersonOption

    @Option(name: .customLong("family-name-latin"), help: "The family name in Latin letters, as in the passport.")
    var familyNameLatin: String?

    @Option(name: .customLong("given-name-latin"), help: "The given names in Latin letters, as in the passport.")
    var givenNameLatin: String?

    func validate() throws {
        guard familyNameLatin != nil || givenNameLatin != nil else {
            throw ValidationError("Give --family-name-latin, --given-name-latin or both.")
        }
    }

    func run() async throws {
        let update = try await options.withServices {
            try await $0.passportNames.setLatinName(
                nationalId: who.nationalId, familyNameLatin: familyNameLatin, givenNameLatin: givenNameLatin,
                by: options.principal)
        }
        if options.json {
            return try options.printJSON(
                Answer(
                    person: update.person, issued: update.issued.map(\.id),
                    stillWaiting: update.stillWaiting.map(\.id)))
        }
        print("updated \(update.person.id); issued \(update.issued.count) waiting certificates", terminator: "")
        print(update.stillWaiting.isEmpty ? "" : "; \(update.stillWaiting.count) still wait for a Latin name")
        for certificate in update.issued { print("issued \(certificate.id) (\(certificate.type.rawValue))") }
    }

    /// The `--json` answer.
    struct Answer: Encodable {
        let person: Person
        let issued: [String]
        let stillWaiting: [String]
    }
}
