import CryptoCore
public import Foundation

/// Reading and writing trust list files: the DCC gateway's JSON array, PEM certificates, or one DER certificate.
extension TrustList {
    /// Parses a trust list, telling the format from the content.
    public init(data: [UInt8]) throws {
        switch try TrustListFile(data: data) {
        case .gatewayJSON: try self.init(gatewayJSON: data)
        case .certificates(let certificates): self.init(signers: certificates.map { TrustedSigner(certificate: $0) })
        }
        guard !signers.isEmpty else { throw CertificateError(.invalidTrustList, "the trust list has no certificate") }
    }

    /// The gateway's JSON array of `{kid, country, certificateType: "DSC", rawData}`; other certificate types
    /// in the array are skipped.
    public init(gatewayJSON data: [UInt8]) throws {
        let entries: [TrustListEntry]
        do {
            entries = try JSONDecoder().decode([TrustListEntry].self, from: Data(data))
        } catch {
            throw CertificateError(.invalidTrustList, "not a gateway trust list: \(error)")
        }
        self.init()
        for entry in entries where entry.certificateType == "DSC" {
            guard let der = Data(base64Encoded: entry.rawData), let kid = Data(base64Encoded: entry.kid) else {
                throw CertificateError(.invalidTrustList, "entry \(entry.kid): rawData or kid is not base64")
            }
            let certificate: X509Certificate
            do {
                certificate = try X509Certificate(derEncoded: Array(der))
            } catch {
                throw CertificateError(.invalidTrustList, "entry \(entry.kid): \(error)")
            }
            add(TrustedSigner(certificate: certificate, keyID: Array(kid), country: entry.country))
        }
    }

    /// The gateway JSON form of this list, pretty-printed with sorted keys.
    public func gatewayJSON() throws -> Data {
        let entries = signers.map { signer in
            TrustListEntry(
                kid: Data(signer.keyID).base64EncodedString(), country: signer.country ?? "",
                certificateType: "DSC", rawData: Data(signer.certificate.derRepresentation).base64EncodedString())
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entries)
    }
}
