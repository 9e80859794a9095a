import ArgumentParser
import ContactTracing
import CryptoCore
import Foundation

/// `healthctl exposure export`: writes a signed key export zip from a JSON key list.
struct ExposureExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a signed key export (export.bin + export.sig in a zip) from a JSON key list."
    )

    @Option(name: .long, help: "Diagnosis keys as a JSON key list.")
    var keys: String

    @Option(name: .long, help: "The ECDSA P-256 signing key, PEM (PKCS#8 or SEC1).")
    var signingKey: String

    @Option(name: .long, help: "Where to write the zip.")
    var out: String

    @Option(name: .long, help: "Region of the keys, such as a country code.")
    var region = "BH"

    @Option(name: .long, help: "verification_key_id the phones look the public key up by (a mobile country code).")
    var keyId = "426"

    @Option(name: .long, help: "verification_key_version, for key rollover.")
    var keyVersion = "v1"

    func run() throws {
        let keyData = try InputFile.read(keys, option: "--keys")
        let pem = String(decoding: try InputFile.read(signingKey, option: "--signing-key"), as: UTF8.self)
        let privateKey: P256PrivateKey
        do {
            privateKey = try P256PrivateKey(pemRepresentation: pem)
        } catch {
            throw ValidationError("--signing-key \(signingKey): not a P-256 private key in PEM")
        }
        let keyList = try DiagnosisKey.decodeJSONList(keyData)
        let signed = try SignedExport.sign(
            SignedExport.export(of: keyList, region: region), with: privateKey,
            info: SignatureInfo(verificationKeyVersion: keyVersion, verificationKeyID: keyId))
        // Written beside --out and renamed: a failed write (exit 3) never leaves a cut file there.
        try signed.zipData().write(to: URL(fileURLWithPath: out), options: .atomic)
        print("wrote \(out): \(signed.export.keys.count) keys, region \(region), key \(keyId) \(keyVersion)")
    }
}
