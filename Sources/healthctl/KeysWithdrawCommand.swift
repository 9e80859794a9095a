import ArgumentParser
import Certificates
import Foundation
import HealthServices

/// `healthctl keys withdraw`: takes a leaked DSC out of signing and off the trust list, by its kid.
struct KeysWithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a DSC whose key leaked: it stops signing and leaves the trust list; audited.",
        discussion: """
            Everything the DSC signed, genuine certificates included, then fails verification as unknown-kid: on \
            POST /v1/verify and in `cert verify --data` within 10 seconds, on verifier pages at their next refresh. \
            Refused while it is the only DSC that can sign: run `keys rotate` first.
            """
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The DSC's kid, base64 as `keys list` and trust lists show it.")
    var kid: String

    func run() async throws {
        let signer = try await options.withServices {
            try await $0.certificates.withdrawDocumentSigner(keyID: kid, by: options.principal)
        }
        if options.json {
            try options.printJSON(["kid": signer.keyID, "number": String(signer.number), "state": "withdrawn"])
        } else {
            print("withdrew DSC \(signer.number), kid \(signer.keyID)")
        }
    }
}
