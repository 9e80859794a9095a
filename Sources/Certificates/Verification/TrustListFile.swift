import CryptoCore

/// The forms a trust list file comes in, told from its content: the DCC gateway's JSON array (left to the caller,
/// which reads its entries as it needs them), or certificates, PEM or one DER.
enum TrustListFile {
    case gatewayJSON
    case certificates([X509Certificate])

    init(data: [UInt8]) throws(CertificateError) {
        let firstText = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if firstText == UInt8(ascii: "[") {
            self = .gatewayJSON
        } else if let text = String(validating: data, as: UTF8.self), text.contains("-----BEGIN CERTIFICATE-----") {
            do {
                self = .certificates(try X509Certificate.certificates(fromPEM: text))
            } catch {
                throw CertificateError(.invalidTrustList, "PEM certificates: \(error)")
            }
        } else {
            do {
                self = .certificates([try X509Certificate(derEncoded: data)])
            } catch {
                throw CertificateError(
                    .invalidTrustList, "neither a JSON trust list, PEM nor a DER certificate: \(error)")
            }
        }
    }
}
