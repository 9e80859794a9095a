public import Foundation

/// One batch of revoked certificates in the DCC gateway's form: the hashes of one hash type for certificates of
/// one issuing country signed under one kid.
public struct RevocationBatch: Sendable, Hashable {
    /// The most hashes one gateway batch may hold.
    public static let maximumEntryCount = 1000
    /// The gateway's kid for a batch whose signer the uploader does not know.
    public static let unknownKeyIDText = "UNKNOWN_KID"

    /// ISO 3166-1 alpha-2 code of the country that revoked the certificates.
    public let country: String
    /// When the batch may be deleted: its certificates have all expired by then. Kept to the second.
    public let expires: Date
    /// The kid of the DSC that signed the certificates; nil for `UNKNOWN_KID`, which applies to every kid.
    public let keyID: [UInt8]?
    public let hashType: RevocationHashType
    /// The first 128 bits of each revoked certificate's hash.
    public let hashes: [[UInt8]]

    /// A batch, checked as the gateway checks uploads: a two-letter country, 1 to 1,000 hashes of 16 bytes.
    public init(
        country: String, expires: Date, keyID: [UInt8]?, hashType: RevocationHashType, hashes: [[UInt8]]
    ) throws(CertificateError) {
        guard CountryCode.isAlpha2(country) else {
            throw CertificateError(.invalidRevocationList, "country \(country) is not a two-letter upper-case code")
        }
        guard keyID?.isEmpty != true else { throw CertificateError(.invalidRevocationList, "the kid is empty") }
        guard (1...Self.maximumEntryCount).contains(hashes.count) else {
            throw CertificateError(
                .invalidRevocationList, "a batch holds 1 to \(Self.maximumEntryCount) hashes, not \(hashes.count)")
        }
        if let index = hashes.firstIndex(where: { $0.count != RevocationSubject.hashByteCount }) {
            throw CertificateError(
                .invalidRevocationList, "hash \(index) has \(hashes[index].count) bytes, not 16")
        }
        let seconds = expires.timeIntervalSince1970
        guard ISO8601.representableSeconds.contains(seconds) else {
            throw CertificateError(.invalidRevocationList, "expiry outside the four-digit years")
        }
        self.country = country
        self.expires = Date(timeIntervalSince1970: seconds.rounded(.up))
        self.keyID = keyID
        self.hashType = hashType
        self.hashes = hashes
    }
}
