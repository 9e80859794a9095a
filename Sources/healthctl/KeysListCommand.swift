import ArgumentParser
import Certificates
import CryptoCore
import Foundation
import HealthServices

/// `healthctl keys list`: every CSCA and DSC of the data directory, each DSC with its state.
struct KeysListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the CSCAs and each DSC: active, pending, retiring until a date, retired, expired or withdrawn."
    )

    @OptionGroup var dataDirectory: DataDirectoryOptions

    @Option(name: .long, help: "The time to give the states at, ISO 8601 (default: now).")
    var at: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    func validate() throws {
        if let at, Timestamp(iso8601: at) == nil {
            throw ValidationError("--at must be an ISO 8601 instant, e.g. 2027-01-01T00:00:00Z.")
        }
    }

    /// The `--json` document.
    struct Listing: Encodable {
        let countrySigners: [CountrySigner]
        let documentSigners: [DocumentSignerView]
    }

    /// One CSCA as `keys list` and `keys rotate-csca` print it.
    struct CountrySigner: Encodable {
        let subject: String
        let notBefore: String
        let notAfter: String

        init(_ certificate: X509Certificate) {
            subject = certificate.subject
            notBefore = Timestamp(certificate.notValidBefore).iso8601
            notAfter = Timestamp(certificate.notValidAfter).iso8601
        }
    }

    func run() throws {
        let date =
            at.flatMap { Timestamp(iso8601: $0) }.map(\.foundationDate) ?? Date()
        let store = SignerKeyStore(directory: URL(fileURLWithPath: dataDirectory.data))
        let cscas = try store.countrySigningCertificates().map { CountrySigner($0.certificate) }
        let signers = try store.ring().states(at: date).map { signer, state in
            DocumentSignerView(
                number: signer.number, kid: signer.keyID, certificate: signer.certificate, state: state)
        }
        let listing = Listing(countrySigners: cscas, documentSigners: signers)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
            return
        }
        for csca in cscas { print("\(csca.subject), valid until \(csca.notAfter)") }
        var table = TextTable("DSC", "KID", "STATE", "UNTIL", "VALID FROM", "VALID UNTIL", "CSCA")
        for signer in signers {
            table.add(
                String(signer.number), signer.kid, signer.state, signer.stateUntil ?? "-", signer.notBefore,
                signer.notAfter, signer.issuer)
        }
        table.print()
    }
}

/// One DSC as `keys list` and `keys rotate` print it.
struct DocumentSignerView: Encodable {
    let number: Int
    let kid: String
    let subject: String
    /// The CSCA that certified it.
    let issuer: String
    let notBefore: String
    let notAfter: String
    /// `active`, `pending`, `retiring`, `retired`, `expired` or `withdrawn`.
    let state: String
    /// When a pending DSC starts signing, or a retiring one leaves the trust list.
    let stateUntil: String?

    init(number: Int, kid: String, certificate: X509Certificate, state: SignerKeyRing.State) {
        self.number = number
        self.kid = kid
        subject = certificate.subject
        issuer = certificate.issuer
        notBefore = Timestamp(certificate.notValidBefore).iso8601
        notAfter = Timestamp(certificate.notValidAfter).iso8601
        self.state = state.name
        stateUntil = state.until.map { Timestamp($0).iso8601 }
    }
}
