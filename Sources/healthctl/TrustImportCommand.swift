import ArgumentParser
import Certificates
import CryptoCore
import Foundation
import HealthServices

/// `healthctl trust import`: another country's or the DCC gateway's document signers, for border checks (audited).
struct TrustImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import document signers (DCC gateway trust list JSON, PEM or DER); a source imported again is replaced."
    )

    @OptionGroup var options: OperatorOptions

    @Option(
        name: .long,
        help: "The list's name; importing the same source again replaces its signers (default: the file's name).")
    var source: String?

    @Argument(help: "The trust list file.")
    var file: String

    struct Output: Encodable {
        let source: String
        let imported, replaced, skipped: Int
        let refused: [TrustListImport.Refusal]
    }

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CertificateError(.invalidTrustList, "cannot read \(file)")
        }
        let list = try TrustListImport(data: Array(data))
        let source = source ?? url.deletingPathExtension().lastPathComponent
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
