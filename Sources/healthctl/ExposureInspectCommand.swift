import ArgumentParser
import ContactTracing
import CryptoCore
import Foundation

/// `healthctl exposure inspect`: prints a key export's header, keys and signatures; checks the signature.
struct ExposureInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a key export zip; with --public-key also verify its signature (exit 1 if it fails)."
    )

    @Argument(help: "The export zip.")
    var file: String

    @Option(name: .long, help: "ECDSA P-256 public key (PEM) to verify export.sig with.")
    var publicKey: String?

    @Flag(name: .long, help: "Print the export as JSON.")
    var json = false

    func run() throws {
        let zip = try InputFile.read(file, option: "FILE")
        let key: P256PublicKey?
        if let publicKey {
            let pem = String(decoding: try InputFile.read(publicKey, option: "--public-key"), as: UTF8.self)
            do {
                key = try P256PublicKey(pemRepresentation: pem)
            } catch {
                throw ValidationError("--public-key \(publicKey): not a P-256 public key in PEM")
            }
        } else {
            key = nil
        }
        let signed = try SignedExport(zipData: zip)
        var verified: Bool? = nil
        var failure: ContactTracingError? = nil
        if let key {
            do {
                try signed.verify(with: key)
                verified = true
            } catch let error as ContactTracingError {
                verified = false
                failure = error
            }
        }
        if json {
            ExposureCommand.write(try signed.inspectionJSON(signatureVerified: verified))
        } else {
            print(Self.text(signed, verified: verified))
        }
        if let failure { throw failure }
    }

    static func text(_ signed: SignedExport, verified: Bool?) -> String {
        let export = signed.export
        var lines = [
            "region \(export.region), batch \(export.batchNumber)/\(export.batchSize), "
                + "timestamps \(export.startTimestamp)-\(export.endTimestamp)",
            "keys: \(export.keys.count), revised keys: \(export.revisedKeys.count)",
        ]
        for entry in signed.signatures {
            lines.append(
                "signature: key id \(entry.info.verificationKeyID) version \(entry.info.verificationKeyVersion) "
                    + "algorithm \(entry.info.signatureAlgorithm)")
        }
        if let verified { lines.append("signature verified: \(verified ? "yes" : "NO")") }
        for key in export.keys + export.revisedKeys {
            lines.append(
                "  \(Data(key.key.keyData).base64EncodedString()) start \(key.rollingStartIntervalNumber) "
                    + "period \(key.rollingPeriod) risk \(key.transmissionRiskLevel) \(key.reportType.name)")
        }
        return lines.joined(separator: "\n")
    }
}
