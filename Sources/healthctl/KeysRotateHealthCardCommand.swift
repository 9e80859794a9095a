import ArgumentParser
import Certificates
import HealthServices

/// `healthctl keys rotate-health-card`: the next SMART Health Cards issuer key.
struct KeysRotateHealthCardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-health-card",
        abstract: "Create the next SMART Health Cards issuer key, which signs every card from then on. Audited.",
        discussion: """
            The older keys stay in /.well-known/jwks.json, so every card already issued keeps verifying. Running \
            servers reading the same keys/ folder take the new key up within 10 seconds.
            """
    )

    @OptionGroup var options: OperatorOptions

    struct Output: Encodable {
        let number: Int
        let kid: String
    }

    func run() async throws {
        let key = try await options.withServices {
            try await $0.certificates.rotateHealthCardKey(by: options.principal)
        }
        if options.json {
            try options.printJSON(Output(number: key.number, kid: key.kid))
        } else {
            print("health card key \(key.number) (kid \(key.kid)) signs from now on; the older keys stay published")
        }
    }
}
