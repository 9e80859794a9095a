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
            return try options.printJSON(waiting.map(Listed.init(waiting:)) + certificates.map(Listed.init))
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

    /// A certificate as listings show it, with its HC1 string; one waiting for a Latin name has its `reason`
    /// and no HC1 yet.
    struct Listed: Encodable {
        let id, personId, type, status: String
        let reason, uvci, hc1, issuedAt, expiresAt: String?
        let revoked: Bool
        let revokedAt, revocationReason: String?

        init(waiting: WaitingCertificate) {
            id = waiting.id
            personId = waiting.personId
            type = waiting.type.rawValue
            status = "waiting"
            reason = waiting.reason
            uvci = nil
            hc1 = nil
            issuedAt = nil
            expiresAt = nil
            revoked = false
            revokedAt = nil
            revocationReason = nil
        }

        init(_ certificate: IssuedCertificate) {
            id = certificate.id
            personId = certificate.personId
            type = certificate.type.rawValue
            status = certificate.isRevoked ? "revoked" : "issued"
            reason = nil
            uvci = certificate.uvci
            hc1 = certificate.hc1
            issuedAt = certificate.issuedAt.iso8601
            expiresAt = certificate.expiresAt.iso8601
            revoked = certificate.isRevoked
            revokedAt = certificate.revokedAt?.iso8601
            revocationReason = certificate.revocationReason
        }
    }
}
