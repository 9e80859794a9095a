import ArgumentParser
import HealthServices

/// `healthctl cert revoke`: revokes an issued certificate with a reason (audited); it joins the revocation
/// list at once.
struct CertRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an issued certificate with a reason; it joins the revocation list."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .long, help: "Why it is revoked (recorded in the audit log).")
    var reason: String

    @Argument(help: "The certificate id (cert_...).")
    var id: String

    func run() async throws {
        let certificate = try await options.withServices {
            try await $0.certificates.revoke(id: id, reason: reason, by: options.principal)
        }
        if options.json { return try options.printJSON(CertificateView(certificate)) }
        print("revoked \(certificate.id) (\(certificate.uvci)) at \(certificate.revokedAt?.iso8601 ?? "")")
    }
}
