import ArgumentParser
import ContactTracing
import CryptoCore
import Foundation

/// `healthctl exposure derive`: RPIK, RPI, AEMK and AEM of one TEK in one interval.
struct ExposureDeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Print the RPIK, RPI, AEMK and AEM (hex) a TEK yields in one interval."
    )

    @Option(name: .long, help: "The temporary exposure key, 32 hex digits.")
    var tek: String

    @Option(name: .long, help: "The ENIntervalNumber (unix seconds / 600).")
    var interval: UInt32

    @Option(name: .long, help: "Bluetooth metadata to encrypt, 8 hex digits (default 40080000: version 1.0, 8 dBm).")
    var metadata = "40080000"

    @Flag(name: .long, help: "Print {\"rpik\", \"rpi\", \"aemk\", \"aem\"} as JSON.")
    var json = false

    func run() throws {
        guard let keyData = Hex.decode(tek) else {
            throw ContactTracingError(.invalidKeyLength, "--tek is not hex")
        }
        guard let metadataBytes = Hex.decode(metadata) else {
            throw ContactTracingError(.invalidMetadata, "--metadata is not hex")
        }
        let derivation = try ExposureKeyDerivation(
            key: TemporaryExposureKey(keyData: keyData), interval: ENIntervalNumber(rawValue: interval),
            metadata: BluetoothMetadata(bytes: metadataBytes))
        let fields = [
            ("rpik", Hex.encode(derivation.rpik)), ("rpi", Hex.encode(derivation.rpi.bytes)),
            ("aemk", Hex.encode(derivation.aemk)), ("aem", Hex.encode(derivation.aem.bytes)),
        ]
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            ExposureCommand.write(try encoder.encode(Dictionary(uniqueKeysWithValues: fields)))
        } else {
            for (name, value) in fields {
                print("\(name.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(value)")
            }
        }
    }
}
