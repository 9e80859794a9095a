import ArgumentParser
import HealthServices

/// `--national-id`: the person an operator command is about.
struct PersonOption: ParsableArguments {
    @Option(name: .customLong("national-id"), help: "The person's 9-digit national ID (CPR).")
    var nationalId: String

    /// The registered person with this national ID.
    func person(in services: HealthServiceSet) async throws -> Person {
        try await services.accounts.person(nationalId: nationalId)
    }
}
