import ArgumentParser
import Certificates
import CryptoCore
import Foundation
import HealthServices

/// `healthctl keys list`: the CSCA and every DSC of the data directory with its state.
struct KeysListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the CSCA and each DSC: active, pending, retiring until a date, retired, expired or withdrawn."
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
        let csca: CountrySigner
        let documentSigners: [DocumentSignerView]
    }

    struct CountrySigner: Encodable {
        let subject: String
        let notBefore: String
        let notAfter: String
    }

    func run() throws {
        let date =
            at.flatMap { Timestamp(iso8601: $0) }.map(\.secondsSinceEpoch).map {
                Date(timeIntervalSince1970: TimeInterval($0))
            } ?? Date()
        let store = SignerKeyStore(directory: URL(fileURLWithPath: dataDirectory.data))
        let csca = try store.countrySigningCertificate()
        let signers = try store.ring().states(at: date).map { signer, state in
            DocumentSignerView(
                number: signer.number, kid: signer.keyID, certificate: signer.certificate, state: state)
        }
        let listing = Listing(
            csca: CountrySigner(
                subject: csca.subject, notBefore: Timestamp(csca.notValidBefore).iso8601,
                notAfter: Timestamp(csca.notValidAfter).iso8601),
            documentSigners: signers)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
            return
        }
        print("CSCA \(csca.subject), valid until \(listing.csca.notAfter)")
        var table = TextTable("DSC", "KID", "STATE", "UNTIL", "VALID FROM", "VALID UNTIL")
        for signer in signers {
            table.add(
                String(signer.number), signer.kid, signer.state, signer.stateUntil ?? "-", signer.notBefore,
                signer.notAfter)
        }
        table.print()
    }
}

/// One DSC as `keys list` and `keys rotate` print it.
struct DocumentSignerView: Encodable {
    let number: Int
    let kid: String
    let subject: String
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
        notBefore = Timestamp(certificate.notValidBefore).iso8601
        notAfter = Timestamp(certificate.notValidAfter).iso8601
        self.state = state.name
        stateUntil = state.until.map { Timestamp($0).iso8601 }
    }
}
