import ArgumentParser
import Certificates
import Foundation

/// `healthctl cert qr`: the HC1 string as a QR code.
struct CertQRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Render an HC1 string as a QR code (alphanumeric, error correction Q)."
    )

    @Option(name: .long, help: "Write an SVG image to this file.")
    var svg: String?

    @Flag(name: .long, help: "Print the QR code as terminal text (the default).")
    var text = false

    @Argument(help: "The HC1 string, or - (or nothing) to read it from standard input.")
    var hc1: String?

    func validate() throws {
        if svg != nil && text { throw ValidationError("give either --svg or --text, not both") }
    }

    func run() throws {
        let code = try QRCode(alphanumeric: CertCommand.readHC1(hc1))
        if let svg {
            try Data(code.svg().utf8).write(to: URL(fileURLWithPath: svg))
        } else {
            print(code.text(), terminator: "")
        }
    }
}
