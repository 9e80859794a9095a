import ArgumentParser
import Certificates
import Foundation

/// `healthctl trust export`: writes our published DSCs (every one not yet expired) in the DCC gateway's JSON trust
/// list form.
struct TrustExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write our DSCs as a trust list (DCC gateway JSON)."
    )

    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The file to write; standard output when absent.")
    var out: String?

    func run() throws {
        let ring = try SignerKeyStore(directory: URL(fileURLWithPath: dataDirectory.data)).ring()
        let json = try ring.publishedTrustList(at: Date()).gatewayJSON()
        if let out {
            try json.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(json + Data("\n".utf8))
        }
    }
}
