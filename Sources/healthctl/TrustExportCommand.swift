import ArgumentParser
import Certificates
import CryptoCore
import Foundation

/// `healthctl trust export`: writes our published DSCs (every one not yet expired) in the DCC gateway's JSON trust
/// list form.
struct TrustExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write our DSCs as a trust list (DCC gateway JSON), or with --csca our CSCAs (PEM)."
    )

    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The file to write; standard output when absent.")
    var out: String?

    @Flag(name: .long, help: "Write our CSCAs not yet expired instead, as PEM, for the DCC gateway.")
    var csca = false

    func run() throws {
        let store = SignerKeyStore(directory: URL(fileURLWithPath: dataDirectory.data))
        let now = Date()
        let contents =
            csca
            ? Data(
                try store.countrySigningCertificates().map(\.certificate).filter { $0.notValidAfter > now }
                    .map(\.pemRepresentation).joined().utf8)
            : try store.ring().publishedTrustList(at: now).gatewayJSON()
        if let out {
            try contents.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(contents + Data("\n".utf8))
        }
    }
}
