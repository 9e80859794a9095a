import ArgumentParser
import Certificates
import CryptoCore
import Foundation

/// `healthctl keys init`: creates a country signing CA and a document signer it certifies.
struct KeysInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a CSCA and a DSC with the three DCC key usages; never overwrites existing keys."
    )

    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The issuing country, ISO 3166-1 alpha-2.")
    var country: String = "BH"

    func run() throws {
        let store = SignerKeyStore(directory: URL(fileURLWithPath: dataDirectory.data))
        let (csca, dsc) = try store.initialize(country: country)
        print("created CSCA \(csca.subject) and DSC \(dsc.subject)")
        print("kid \(Data(TrustedSigner.keyID(for: dsc)).base64EncodedString()) in \(dataDirectory.data)/keys")
    }
}
