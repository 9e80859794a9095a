import CryptoCore
import Foundation

/// A foreign trust list read for import (the DCC gateway's trust list download, PEM bundles or one DER
/// certificate): each DSC with its kid computed from the certificate and its country, and the entries refused with
/// why. Unlike a `--trust` file read for one check, an entry whose stated kid is not its certificate's is refused,
/// and so is a key the verifier cannot use; expired DSCs are kept, as the upstream list keeps them.
public struct TrustListImport: Sendable {
    /// An entry left out of the import, named by the kid it stated (or its certificate's, when it stated none).
    public struct Refusal: Sendable, Hashable, Codable {
        public let kid: String?
        public let reason: String
    }

    public private(set) var signers: [TrustedSigner] = []
    public private(set) var refused: [Refusal] = []
    /// Entries of the gateway list that are not DSCs (CSCA, upload or authentication certificates).
    public private(set) var skipped = 0

    /// Reads the file's content, telling the format from it; a file that is none of them is an error.
    public init(data: [UInt8]) throws(CertificateError) {
        switch try TrustListFile(data: data) {
        case .gatewayJSON:
            let entries: [GatewayEntry]
            do {
                entries = try JSONDecoder().decode([GatewayEntry].self, from: Data(data))
            } catch {
                throw CertificateError(.invalidTrustList, "not a gateway trust list (a JSON array of entries)")
            }
            for entry in entries { add(entry) }
        case .certificates(let certificates):
            for certificate in certificates { add(certificate, country: nil) }
        }
    }

    /// One entry of the gateway's download; `signature`, `thumbprint` and `timestamp` are read past.
    struct GatewayEntry: Decodable {
        let kid: String?
        let country: String?
        let certificateType: String?
        let rawData: String?
    }

    mutating func add(_ entry: GatewayEntry) {
        guard entry.certificateType == nil || entry.certificateType == "DSC" else {
            skipped += 1
            return
        }
        guard let rawData = entry.rawData, let der = Data(base64Encoded: rawData) else {
            refused.append(Refusal(kid: entry.kid, reason: "rawData is not a base64 certificate"))
            return
        }
        let certificate: X509Certificate
        do {
            certificate = try X509Certificate(derEncoded: Array(der))
        } catch {
            refused.append(Refusal(kid: entry.kid, reason: "rawData is not an X.509 certificate"))
            return
        }
        let kid = Data(TrustedSigner.keyID(for: certificate)).base64EncodedString()
        if let stated = entry.kid, stated != kid {
            refused.append(Refusal(kid: stated, reason: "the certificate's kid is \(kid)"))
            return
        }
        add(certificate, country: entry.country)
    }

    mutating func add(_ certificate: X509Certificate, country: String?) {
        let kid = Data(TrustedSigner.keyID(for: certificate)).base64EncodedString()
        if let problem = Self.unusableKey(certificate.publicKey) {
            refused.append(Refusal(kid: kid, reason: problem))
            return
        }
        let country = (country?.isEmpty == false ? country : nil) ?? certificate.subjectCountry
        guard let country, CountryCode.isAlpha2(country) else {
            refused.append(Refusal(kid: kid, reason: "no ISO 3166 country in the entry or the certificate's subject"))
            return
        }
        signers.append(TrustedSigner(certificate: certificate, country: country))
    }

    /// Why a verifier could not use the key, nil for P-256 ECDSA and RSA of 2048 to 4096 bits.
    static func unusableKey(_ key: PublicKey) -> String? {
        switch key {
        case .p256: nil
        case .rsa(let rsa) where (2048...4096).contains(rsa.bitCount): nil
        case .rsa(let rsa): "an RSA key of \(rsa.bitCount) bits (2048 to 4096 are accepted)"
        case .unsupported(let name): "a \(name) key (P-256 ECDSA or RSA are accepted)"
        }
    }
}
