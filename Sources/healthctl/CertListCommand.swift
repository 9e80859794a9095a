import ArgumentParser
import Certificates
import HealthServices

/// `healthctl cert list`: the certificates issued to one person.
struct CertListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the certificates issued to the person with this national ID."
    )

    @OptionGroup var options: OperatorOptions

    @OptionGroup var who: PersonOption

    func run() async throws {
        let (waiting, certificates) = try await options.withServices { services in
            let person = try await who.person(in: services)
            return (
                try await services.certificates.waitingCertificates(for: options.principal, personID: person.id),
                try await services.certificates.certificates(for: options.principal, personID: person.id)
            )
        }
        if options.json {
            return try options.printJSON(
                waiting.map(CertificateView.init(waiting:)) + certificates.map { CertificateView($0) })
        }
        var table = TextTable("ID", "TYPE", "ISSUED", "EXPIRES", "REVOKED", "UVCI")
        for certificate in waiting {
            table.add(certificate.id, certificate.type.rawValue, "waiting: \(certificate.reason)", "-", "-", "-")
        }
        for certificate in certificates {
            table.add(
                certificate.id, certificate.type.rawValue, certificate.issuedAt.iso8601, certificate.expiresAt.iso8601,
                certificate.revokedAt?.iso8601 ?? "-", certificate.uvci)
        }
        table.print()
    }
}
