import ArgumentParser
import Certificates
import CryptoCore
import Foundation
import HealthServices

/// `healthctl keys rotate`: a new DSC under the same CSCA; running servers sign with it within
/// ``AppConfiguration/keyCheckInterval``.
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Create the next DSC; it signs from now (or --at), the old one stays published until it expires.",
        discussion: """
            Audited as keys.rotate with the new kid. Servers sharing the data directory's keys sign with the new DSC \
            within 10 seconds; certificates signed before keep verifying, since the superseded DSC stays on the trust \
            list until it expires (no certificate outlives its DSC).
            """
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "Days the new DSC is valid (1 to 3650; cut at the CSCA's expiry).")
    var validDays: Int = SignerKeys.documentSignerValidityDays

    @Option(name: .long, help: "When the new DSC starts signing, ISO 8601 (default: now); published at once.")
    var at: String?

    func validate() throws {
        guard (1...3650).contains(validDays) else { throw ValidationError("--valid-days must be 1 to 3650.") }
        if let at, Timestamp(iso8601: at) == nil {
            throw ValidationError("--at must be an ISO 8601 instant, e.g. 2027-01-01T00:00:00Z.")
        }
    }

    func run() async throws {
        let from = at.flatMap { Timestamp(iso8601: $0) }
        let signer = try await options.withServices {
            try await $0.certificates.rotateDocumentSigner(validDays: validDays, from: from, by: options.principal)
        }
        let view = DocumentSignerView(
            number: signer.number, kid: signer.keyID, certificate: signer.certificate,
            state: from == nil ? .active : .pending(from: signer.certificate.notValidBefore))
        if options.json {
            try options.printJSON(view)
        } else {
            print("created DSC \(signer.number) (\(signer.certificate.subject)), kid \(signer.keyID)")
            print("signs from \(view.notBefore) until \(view.notAfter)")
        }
    }
}
