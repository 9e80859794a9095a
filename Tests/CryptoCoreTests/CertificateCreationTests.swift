import CryptoCore
import Foundation
import Testing

@Suite struct CertificateCreationTests {
    static let validFrom = Date(timeIntervalSince1970: 1_700_000_000)
    static let validUntil = Date(timeIntervalSince1970: 1_800_000_000)
    // The EU DCC document signer usages: test, vaccination and recovery issuers (hcert spec section 5.1.1).
    static let dccUsages = ["1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.1847.2021.1.3"]

    @Test func caAndSignedCertificateReadBack() throws {
        let caKey = try P256PrivateKey()
        let ca = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(commonName: "Health CSCA", country: "BH", organization: "Ministry of Health"),
            key: caKey, validFrom: Self.validFrom, validUntil: Self.validUntil)
        #expect(ca.subject == "CN=Health CSCA,O=Ministry of Health,C=BH")
        #expect(ca.issuer == ca.subject)
        #expect(ca.subjectCountry == "BH")
        #expect(ca.isSigned(by: ca))
        #expect(ca.publicKey == .p256(caKey.publicKey))
        #expect(ca.extendedKeyUsage.isEmpty)

        let signerKey = try P256PrivateKey()
        let signer = try X509Certificate.signed(
            subject: CertificateSubject(commonName: "DSC 1", country: "BH"), publicKey: signerKey.publicKey,
            issuer: ca, issuerKey: caKey, extendedKeyUsages: Self.dccUsages,
            validFrom: Self.validFrom, validUntil: Self.validUntil)
        #expect(signer.extendedKeyUsage == Self.dccUsages)
        #expect(signer.subject == "CN=DSC 1,C=BH")
        #expect(signer.issuer == ca.subject)
        #expect(signer.notValidBefore == Self.validFrom)
        #expect(signer.notValidAfter == Self.validUntil)
        #expect(signer.publicKey == .p256(signerKey.publicKey))
        #expect(signer.isSigned(by: ca))
        #expect(!signer.isSigned(by: signer))
        #expect(!ca.isSigned(by: signer))
        #expect(try X509Certificate(derEncoded: signer.derRepresentation) == signer)
    }

    @Test func aDifferentIssuerDoesNotVerify() throws {
        let caKey = try P256PrivateKey()
        let otherKey = try P256PrivateKey()
        let subject = CertificateSubject(commonName: "Health CSCA", country: "BH")
        let ca = try X509Certificate.selfSignedCA(
            subject: subject, key: caKey, validFrom: Self.validFrom, validUntil: Self.validUntil)
        // Same name, different key: only the signature can tell them apart.
        let impostor = try X509Certificate.selfSignedCA(
            subject: subject, key: otherKey, validFrom: Self.validFrom, validUntil: Self.validUntil)
        let signer = try X509Certificate.signed(
            subject: CertificateSubject(commonName: "DSC"), publicKey: try P256PrivateKey().publicKey, issuer: ca,
            issuerKey: caKey, extendedKeyUsages: [], validFrom: Self.validFrom, validUntil: Self.validUntil)
        #expect(signer.isSigned(by: ca))
        #expect(!signer.isSigned(by: impostor))
        #expect(signer.extendedKeyUsage.isEmpty)
    }

    // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; both must read back to the second.
    @Test func validityDatesRoundTripAcrossTheUTCTimeLimit() throws {
        let from = Date(timeIntervalSince1970: 951_782_400)  // 2000-02-29T00:00:00Z, a leap day
        let until = Date(timeIntervalSince1970: 2_524_608_000)  // 2050-01-01T00:00:00Z
        let ca = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(commonName: "CA"), key: try P256PrivateKey(), validFrom: from, validUntil: until
        )
        #expect(ca.notValidBefore == from)
        #expect(ca.notValidAfter == until)
    }

    @Test func serialNumbersAreRandomPositiveAndSixteenBytes() throws {
        let key = try P256PrivateKey()
        let subject = CertificateSubject(commonName: "CA")
        let serials = try (0..<4).map { _ in
            try X509Certificate.selfSignedCA(
                subject: subject, key: key, validFrom: Self.validFrom, validUntil: Self.validUntil
            ).serialNumber
        }
        #expect(Set(serials).count == 4)
        #expect(serials.allSatisfy { $0.count == 16 && $0[0] & 0x80 == 0 })
    }

    // A key OpenSSL cannot decode (its point starts 05, no valid SEC 1 encoding) still leaves the certificate
    // readable, with the key reported as unsupported.
    @Test func undecodableKeysAreReportedNotFatal() throws {
        let key = try P256PrivateKey()
        let certificate = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(commonName: "CA"), key: key, validFrom: Self.validFrom,
            validUntil: Self.validUntil)
        var der = certificate.derRepresentation
        let point = try #require(
            der.indices.dropLast(64).first { Array(der[$0..<($0 + 65)]) == key.publicKey.x963Representation })
        der[point] = 0x05
        let damaged = try X509Certificate(derEncoded: der)
        #expect(damaged.publicKey == .unsupported("undecodable key id-ecPublicKey"))
        #expect(!damaged.isSigned(by: damaged))
    }

    @Test func badRequestsAreRejected() throws {
        let caKey = try P256PrivateKey()
        let ca = try X509Certificate.selfSignedCA(
            subject: CertificateSubject(commonName: "CA"), key: caKey, validFrom: Self.validFrom,
            validUntil: Self.validUntil)
        let leafKey = try P256PrivateKey().publicKey
        func issue(
            _ subject: CertificateSubject = CertificateSubject(commonName: "DSC"), issuerKey: P256PrivateKey? = nil,
            usages: [String] = [], until: Date = Self.validUntil
        ) throws -> X509Certificate {
            try X509Certificate.signed(
                subject: subject, publicKey: leafKey, issuer: ca, issuerKey: issuerKey ?? caKey,
                extendedKeyUsages: usages, validFrom: Self.validFrom, validUntil: until)
        }
        #expect(throws: CryptoError(.invalidKey, "")) { try issue(issuerKey: try P256PrivateKey()) }
        #expect(throws: CryptoError(.invalidInput, "")) { try issue(until: Self.validFrom) }
        #expect(throws: CryptoError(.invalidInput, "")) { try issue(CertificateSubject(commonName: "")) }
        #expect(throws: CryptoError(.invalidInput, "")) {
            try issue(CertificateSubject(commonName: "X", country: "BHR"))
        }
        for usage in ["serverAuth", "1.3.6.1.5.5.7.3.1,critical", "1..2", "1"] {
            #expect(throws: CryptoError(.invalidInput, "")) { try issue(usages: [usage]) }
        }
    }
}
