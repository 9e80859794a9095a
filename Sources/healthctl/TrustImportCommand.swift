import ArgumentParser
import Certificates
import CryptoCore
import Foundation
import HealthServices

/// `healthctl trust import`: another country's or the DCC gateway's document signers, or SMART Health Cards issuers
/// (a directory snapshot, or one issuer's JWKS with `--issuer`), for border checks (audited).
struct TrustImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import document signers (DCC gateway trust list JSON, PEM or DER) or SMART Health Cards issuers (a directory snapshot, or a JWKS with --issuer); a source imported again is replaced."
    )

    @OptionGroup var options: OperatorOptions

    @Option(
        name: .long,
        help: "The list's name; importing the same source again replaces its signers (default: the file's name).")
    var source: String?

    @Option(name: .long, help: "The file is this SMART Health Cards issuer's JWKS (its iss URL).")
    var issuer: String?

    @Option(name: .long, help: "The issuer's name, with --issuer (default: its URL).")
    var name: String?

    @Argument(help: "The trust list, issuer directory snapshot or JWKS file.")
    var file: String

    struct Output: Encodable {
        let source: String
        let imported, replaced, skipped: Int
        let refused: [TrustListImport.Refusal]
    }

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data = try InputFile.read(file, option: "FILE")
        let source = source ?? url.deletingPathExtension().lastPathComponent
        if let issuer {
            return try await importHealthCardIssuers(
                try HealthCardIssuerImport(jwks: data, issuer: issuer, name: name ?? issuer), source: source)
        }
        if HealthCardIssuerImport.isSnapshot(data) {
            return try await importHealthCardIssuers(try HealthCardIssuerImport(snapshot: data), source: source)
        }
        let list = try TrustListImport(data: Array(data))
        let outcome = try await options.withServices {
            try await $0.borderLists.importTrustList(list, source: source, by: options.principal)
        }
        if options.json {
            return try options.printJSON(
                Output(
                    source: outcome.source, imported: outcome.imported, replaced: outcome.replaced,
                    skipped: outcome.skipped, refused: outcome.refused))
        }
        print(
            "imported \(outcome.imported) signers from \(outcome.source) (replacing \(outcome.replaced)); "
                + "refused \(outcome.refused.count); skipped \(outcome.skipped) that are not DSCs")
        for refusal in outcome.refused { print("  refused \(refusal.kid ?? "(no kid)"): \(refusal.reason)") }
    }

    struct HealthCardOutput: Encodable {
        let source: String
        let healthCardIssuers, replaced: Int
        let refused: [HealthCardIssuerImport.Refusal]
    }

    func importHealthCardIssuers(_ list: HealthCardIssuerImport, source: String) async throws {
        let outcome = try await options.withServices {
            try await $0.borderLists.importHealthCardIssuers(list, source: source, by: options.principal)
        }
        if options.json {
            return try options.printJSON(
                HealthCardOutput(
                    source: source, healthCardIssuers: outcome.imported, replaced: outcome.replaced,
                    refused: list.refused))
        }
        print(
            "imported \(outcome.imported) SMART Health Cards issuers from \(source) (replacing \(outcome.replaced)); "
                + "refused \(list.refused.count)")
        for refusal in list.refused {
            print("  refused \(refusal.iss) \(refusal.kid ?? ""): \(refusal.reason)")
        }
    }
}

/// `healthctl trust list`: the imported document signers.
struct TrustListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the imported document signers, with their country, kid, validity and source."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "Only this country's (ISO 3166 alpha-2).")
    var country: String?

    struct Listed: Encodable {
        let country, kid, source, notBefore, notAfter, importedAt: String
        let keyUsage: [String]
    }

    func run() async throws {
        let signers = try await options.withServices { try await $0.borderLists.importedSigners(country: country) }
        let listed = try signers.map { signer in
            let certificate = try X509Certificate(derEncoded: signer.certificate)
            return Listed(
                country: signer.country, kid: signer.kid, source: signer.source,
                notBefore: ISO8601.format(certificate.notValidBefore),
                notAfter: ISO8601.format(certificate.notValidAfter), importedAt: signer.importedAt.iso8601,
                keyUsage: TrustedSigner(certificate: certificate).allowedTypes.map { $0.map(\.rawValue).sorted() }
                    ?? ["v", "t", "r"])
        }
        if options.json { return try options.printJSON(listed) }
        var table = TextTable("COUNTRY", "KID", "SOURCE", "VALID FROM", "VALID UNTIL", "TYPES")
        for signer in listed {
            table.add(
                signer.country, signer.kid, signer.source, signer.notBefore, signer.notAfter,
                signer.keyUsage.joined(separator: ","))
        }
        table.print()
    }
}

/// `healthctl trust remove --source NAME`: drops every signer a source brought (audited).
struct TrustRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove every document signer imported from one source."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "The source name given at import.")
    var source: String

    struct Removed: Encodable {
        let source: String
        let removed: Int
    }

    func run() async throws {
        let removed = try await options.withServices {
            try await $0.borderLists.removeTrustSource(source, by: options.principal)
        }
        if options.json { return try options.printJSON(Removed(source: source, removed: removed)) }
        print("removed \(removed) signers of \(source)")
    }
}
