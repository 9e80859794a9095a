import ArgumentParser
import HealthServices

/// `healthctl tokens`: staff bearer tokens.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke staff bearer tokens.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff token and print it (it is shown only once).")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The role: lab, vaccinator, operator, verifier or admin.")
        var role: String

        @Option(name: .long, help: "Who or what the token is for; the audit log records this name.")
        var name: String

        @Option(name: .long, help: "How long the token is valid, such as 12h, 30d (at most 366d).")
        var expiresIn: String = "90d"

        struct Output: Encodable {
            let token: String
            let id: String
            let role: String
            let expiresAt: String
        }

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be lab, vaccinator, operator, verifier or admin.")
            }
            guard let minutes = DurationText.minutes(expiresIn) else {
                throw ValidationError("--expires-in must be a duration such as 12h or 30d.")
            }
            let issued = try await options.withServices {
                try await $0.access.issueStaffToken(
                    role: role, name: name, validForMinutes: minutes, by: options.principal)
            }
            if options.json {
                try options.printJSON(
                    Output(
                        token: issued.secret, id: issued.record.id, role: role.rawValue,
                        expiresAt: issued.record.expiresAt.iso8601))
            } else {
                print(issued.secret)
                print(
                    "id \(issued.record.id), role \(role.rawValue), expires \(issued.record.expiresAt.iso8601); store it now, it is not shown again"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff tokens (never their secrets).")

        @OptionGroup var options: OperatorOptions

        func run() async throws {
            let tokens = try await options.withServices { try await $0.access.staffTokens() }
            if options.json { return try options.printJSON(tokens) }
            var table = TextTable("ID", "ROLE", "NAME", "EXPIRES", "REVOKED")
            for token in tokens {
                table.add(
                    token.id, token.role.rawValue, token.name, token.expiresAt.iso8601, token.revokedAt?.iso8601 ?? "-")
            }
            table.print()
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The token's id (tok_…), as tokens list shows it.")
        var id: String

        func run() async throws {
            try await options.withServices { try await $0.access.revoke(tokenID: id, by: options.principal) }
            if options.json { try options.printJSON(["revoked": id]) } else { print("revoked \(id)") }
        }
    }
}
