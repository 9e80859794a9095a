import CryptoCore
import Foundation

@testable import Certificates

/// A CSCA, a DSC and an issuer made fresh for tests, plus helpers to wrap hand-made COSE bytes as HC1.
struct IssuerFixture {
    let cscaKey: P256PrivateKey
    let csca: X509Certificate
    let dscKey: P256PrivateKey
    let dsc: X509Certificate
    let issuer: CertificateIssuer
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    init(
        keyUsages: [String] = SignerKeyStore.documentSignerKeyUsages,
        dscValidity: ClosedRange<Date> = Date(
            timeIntervalSince1970: 1_600_000_000)...Date(
                timeIntervalSince1970: 1_900_000_000)
    ) throws {
        cscaKey = try P256PrivateKey()
        csca = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(commonName: "Test CSCA", country: "BH"), key: cscaKey,
            validFrom: Date(timeIntervalSince1970: 1_600_000_000),
            validUntil: Date(timeIntervalSince1970: 1_900_000_000))
        dscKey = try P256PrivateKey()
        dsc = try X509Certificate.signed(
            subject: CertificateSubject(commonName: "Test DSC", country: "BH"), publicKey: dscKey.publicKey,
            issuer: csca, issuerKey: cscaKey, extendedKeyUsages: keyUsages,
            validFrom: dscValidity.lowerBound, validUntil: dscValidity.upperBound)
        issuer = try CertificateIssuer(signingKey: dscKey, documentSigner: dsc)
    }

    var trustList: TrustList { TrustList(signers: [TrustedSigner(certificate: dsc)]) }
    var verifier: CertificateVerifier { CertificateVerifier(trustList: trustList) }

    static let vaccinationJSON = """
        {"ver":"1.3.0","nam":{"fn":"Al-Sayed","gn":"Fatima Zahra"},"dob":"1988-03-14",
         "v":[{"tg":"840539006","vp":"J07BX03","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,"sd":2,
               "dt":"2021-09-01","co":"BH","is":"Ministry of Health"}]}
        """

    static func payload(_ text: String = vaccinationJSON) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func issue(_ text: String = vaccinationJSON, at date: Date? = nil, days: Double = 30) throws -> String {
        try issuer.issue(try issuer.prepare(try Self.payload(text)), issuedAt: date ?? now, validity: days * 86_400)
    }

    /// The COSE bytes inside an HC1 string.
    static func cose(of hc1: String) throws -> [UInt8] { try HC1Codec.decode(hc1) }

    /// Wraps COSE bytes as an HC1 string.
    static func hc1(cose: [UInt8]) throws -> String { try HC1Codec.encode(cose: cose) }

    /// A COSE_Sign1 signed by this fixture's DSC key over an arbitrary protected header, unprotected header and payload.
    func signedCOSE(protected: [UInt8], unprotected: [CBORMapEntry] = [], payload: [UInt8], tags: [UInt64] = [18])
        throws -> [UInt8]
    {
        let input = COSESign1.signatureInput(protectedHeaderBytes: protected, payload: payload)
        let signature = try dscKey.signature(for: input).rawRepresentation
        var value = CBORValue.array([
            .byteString(protected), .map(unprotected), .byteString(payload), .byteString(signature),
        ])
        for tag in tags.reversed() { value = .tagged(tag, value) }
        return CBOREncoder.encode(value)
    }

    /// The claims payload of a freshly issued certificate.
    func claimsPayload() throws -> [UInt8] {
        try COSESign1(decoding: Self.cose(of: try issue())).payload
    }

    var protectedES256: [UInt8] {
        CBOREncoder.encode(.map([.init(key: 1, value: -7), .init(key: 4, value: .byteString(issuer.keyID))]))
    }
}
