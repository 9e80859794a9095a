import ArgumentParser
import Certificates
import Foundation
import HealthServices

/// `healthctl cert issue`: signs a DCC payload with the data directory's DSC, through the certificate service (an
/// audit entry names the operator and the UVCI).
struct CertIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Sign a DCC payload (eu-dcc-schema JSON) and print the HC1 string; audited."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The DCC payload as eu-dcc-schema JSON.")
    var payload: String

    @Option(name: .long, help: "Days from now until the certificate expires (no later than the signing DSC expires).")
    var validityDays: Int = 365

    func validate() throws {
        guard (1...3650).contains(validityDays) else { throw ValidationError("--validity-days must be 1 to 3650") }
    }

    func run() async throws {
        let data = try InputFile.read(payload, option: "--payload")
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CertificateError(.invalidPayload, "cannot read \(payload) as JSON: \(error.localizedDescription)")
        }
        let hc1 = try await options.withServices {
            try await $0.certificates.issue(payload: json, validityDays: validityDays, by: options.principal)
        }
        if options.json {
            try options.printJSON(["hc1": hc1])
        } else {
            print(hc1)
        }
    }
}
