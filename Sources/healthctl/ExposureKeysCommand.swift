import ArgumentParser
import Foundation
import HealthServices

/// `healthctl exposure keys`: the export signing key and the verification-certificate key.
struct ExposureKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create and show the key server's export and certificate keys.",
        subcommands: [Init.self, Show.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Create the export key, the certificate key and the verification-code secret where absent; never overwrites a key."
        )

        @OptionGroup var dataDirectory: DataDirectoryOptions

        func run() throws {
            let store = ExposureKeyStore(dataDirectory: URL(fileURLWithPath: dataDirectory.data, isDirectory: true))
            let created = try store.initializeIfAbsent()
            print(
                created.isEmpty
                    ? "keys already exist in \(store.directory.path)"
                    : "created \(Self.list(created)) key\(created.count > 1 ? "s" : "") in \(store.directory.path)")
        }

        /// `a`, `a and b`, `a, b and c`.
        private static func list(_ names: [String]) -> String {
            names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1] : names[0]
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print the public keys for the apps' configuration (export keys by id and version, certificate keys by kid)."
        )

        @OptionGroup var dataDirectory: DataDirectoryOptions

        @Option(name: .long, help: "The export region, which is the export keys' id.")
        var region = "426"

        @OptionGroup var authority: HealthAuthorityOptions

        @Flag(
            name: .long,
            help: """
                Print {healthAuthorityID, certificateAudience, exportKeys: [{keyId, keyVersion, publicKey}], \
                certificateKeys: [{kid, publicKey}]}.
                """)
        var json = false

        func run() throws {
            let store = ExposureKeyStore(dataDirectory: URL(fileURLWithPath: dataDirectory.data, isDirectory: true))
            let keys = try store.load().publicKeys(region: region)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let shown = Shown(
                    healthAuthorityID: authority.healthAuthority, certificateAudience: authority.certificateAudience,
                    exportKeys: keys.exportKeys, certificateKeys: keys.certificateKeys)
                print(String(decoding: try encoder.encode(shown), as: UTF8.self))
                return
            }
            print(
                "health authority \(authority.healthAuthority), certificate audience \(authority.certificateAudience)")
            for key in keys.exportKeys {
                print("export key \(key.keyId) \(key.keyVersion)\n\(key.publicKey)")
            }
            for key in keys.certificateKeys {
                print("certificate key kid \(key.kid)\n\(key.publicKey)")
            }
        }

        /// What the apps and a verification server feeding this key server are configured with.
        struct Shown: Encodable {
            let healthAuthorityID: String
            let certificateAudience: String
            let exportKeys: [ExposurePublicKeys.ExportKey]
            let certificateKeys: [ExposurePublicKeys.CertificateKey]
        }
    }
}
