import ArgumentParser
import Foundation
import HealthServices

/// `healthctl exposure keys`: the export signing key, the verification-certificate key, and the certificate keys
/// of other verification servers this key server trusts.
struct ExposureKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract:
            "Create, show and rotate the key server's export and certificate keys; trust other verification servers.",
        subcommands: [Init.self, Show.self, Trust.self, Rotate.self]
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
                    exportKeys: keys.exportKeys, certificateKeys: keys.certificateKeys,
                    trustedCertificateKeys: keys.trustedCertificateKeys)
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
            for key in keys.trustedCertificateKeys {
                print("trusted certificate key of \(key.issuer) kid \(key.kid)\n\(key.publicKey)")
            }
        }

        /// What the apps and a verification server feeding this key server are configured with.
        struct Shown: Encodable {
            let healthAuthorityID: String
            let certificateAudience: String
            let exportKeys: [ExposurePublicKeys.ExportKey]
            let certificateKeys: [ExposurePublicKeys.CertificateKey]
            let trustedCertificateKeys: [ExposurePublicKeys.TrustedKey]
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Add the next export or certificate key (audited). Exports are signed by the newest export key and \
                the one before it; new certificates by the newest certificate key. Servers use it within 10 seconds.
                """)

        @OptionGroup var options: OperatorOptions

        /// `--kind`, as the command line spells it.
        enum Kind: String, ExpressibleByArgument {
            case export, certificate
        }

        @Option(name: .long, help: "Which key: export or certificate.")
        var kind: Kind

        func run() async throws {
            let kind: ExposureKeyKind = kind == .export ? .export : .certificate
            let version = try await options.withServices { services in
                try await ExposureKeyService(
                    store: services.stores.records,
                    keys: ExposureKeyStore(dataDirectory: URL(fileURLWithPath: options.dataDirectory.data)),
                    clock: .system
                ).rotate(kind, by: options.principal)
            }
            if options.json {
                try options.printJSON(["kind": kind.rawValue, "version": version])
            } else {
                print(
                    "created the \(kind.rawValue) key \(version); servers reading this folder use it within 10 seconds")
            }
        }
    }

    struct Trust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Trust another verification server's certificate key for its issuer (audited): certificates it \
                signs publish keys here as ours do. Servers use it within 10 seconds.
                """)

        @OptionGroup var options: OperatorOptions

        @Option(name: .long, help: "The issuer (iss) of that server's certificates.")
        var issuer: String

        @Option(name: .long, help: "The key's kid, as that server names it in its certificates' header.")
        var kid: String

        @Option(name: .long, help: "The key: a P-256 public key in PEM.")
        var pem: String

        func run() async throws {
            let text = String(decoding: try InputFile.read(pem, option: "--pem"), as: UTF8.self)
            try await options.withServices { services in
                try await ExposureKeyService(
                    store: services.stores.records,
                    keys: ExposureKeyStore(dataDirectory: URL(fileURLWithPath: options.dataDirectory.data)),
                    clock: .system
                ).trust(issuer: issuer, kid: kid, publicKeyPEM: text, by: options.principal)
            }
            if options.json {
                try options.printJSON(["issuer": issuer, "kid": kid])
            } else {
                print(
                    "trusted the certificate key \(kid) of \(issuer); servers reading this folder use it within 10 seconds"
                )
            }
        }
    }
}
