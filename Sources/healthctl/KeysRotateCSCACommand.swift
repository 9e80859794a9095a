import ArgumentParser
import Certificates
import CryptoCore
import Foundation
import HealthServices

/// `healthctl keys rotate-csca`: a new country signing CA beside the old one.
struct KeysRotateCSCACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-csca",
        abstract: "Create the next CSCA; the next `keys rotate` is certified by it. Audited.",
        discussion: """
            DSCs the older CSCA certified keep signing and verifying until they expire. Publish the new CSCA to the \
            DCC gateway beside the old one (`trust export --csca` writes every CSCA not yet expired) before its \
            first DSC signs.
            """
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "Days the new CSCA is valid (365 to 5475).")
    var validDays: Int = 3650

    func validate() throws {
        guard (365...5475).contains(validDays) else { throw ValidationError("--valid-days must be 365 to 5475.") }
    }

    func run() async throws {
        let csca = try await options.withServices {
            try await $0.certificates.rotateCountrySigner(validDays: validDays, by: options.principal)
        }
        let view = KeysListCommand.CountrySigner(csca)
        if options.json {
            try options.printJSON(view)
        } else {
            print("created \(csca.subject), valid until \(view.notAfter); run `keys rotate` for a DSC under it")
        }
    }
}
