import ArgumentParser
import HealthServices

/// `healthctl exposure codes`: verification codes for cases confirmed outside this system.
struct ExposureCodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "Issue exposure-key verification codes.",
        subcommands: [Issue.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a one-time code (24 hours) for a confirmed case; audited, no person recorded.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The day of the positive test, YYYY-MM-DD, within the last 14 days.")
        var testDate: String

        @Option(name: .long, help: "The day symptoms started, YYYY-MM-DD, when known.")
        var symptomDate: String?

        struct Output: Encodable {
            let code: String
            let expiresAt: String
        }

        func run() async throws {
            let code = try await options.withServices {
                try await $0.exposureVerification.issue(
                    testDate: testDate, symptomDate: symptomDate, by: options.principal)
            }
            if options.json {
                try options.printJSON(Output(code: code.code, expiresAt: code.expiresAt.iso8601))
            } else {
                print("\(code.code)  (valid until \(code.expiresAt.iso8601), once)")
            }
        }
    }
}
