import ArgumentParser
import Certificates
import Foundation

/// `healthctl cert issue`: signs a DCC payload with the data directory's DSC.
struct CertIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Sign a DCC payload (eu-dcc-schema JSON) and print the HC1 string."
    )

    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The DCC payload as eu-dcc-schema JSON.")
    var payload: String

    @Option(name: .long, help: "Days from now until the certificate expires.")
    var validityDays: Int = 365

    func validate() throws {
        guard (1...3650).contains(validityDays) else { throw ValidationError("--validity-days must be 1 to 3650") }
    }

    func run() throws {
        let issuer = try SignerKeyStore(directory: URL(fileURLWithPath: dataDirectory.data)).issuer()
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: payload)))
        } catch {
            throw CertificateError(.invalidPayload, "cannot read \(payload) as JSON: \(error.localizedDescription)")
        }
        let certificate = try issuer.prepare(json)
        print(try issuer.issue(certificate, issuedAt: Date(), validity: Double(validityDays) * 86_400))
    }
}
