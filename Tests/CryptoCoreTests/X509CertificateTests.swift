import CryptoCore
import Foundation
import Testing

@Suite struct X509CertificateTests {
    // Every signer certificate of the EU dgc-testdata suite must parse, non-strict DER included.
    @Test func everyDCCTestdataCertificateParses() throws {
        let certificates = try DCCTestdata.signerCertificates()
        #expect(certificates.count >= 500)
        var failures: [String] = []
        for certificate in certificates {
            do {
                let parsed = try X509Certificate(derEncoded: certificate.der)
                #expect(parsed.derRepresentation == certificate.der)
                #expect(parsed.sha256Fingerprint == SHA256.hash(certificate.der))
                #expect(try X509Certificate(pemEncoded: parsed.pemRepresentation) == parsed)
                switch parsed.publicKey {
                case .p256, .rsa, .unsupported("EC secp384r1"): break
                case .unsupported(let name): failures.append("\(certificate.path): unexpected key type \(name)")
                }
            } catch {
                failures.append("\(certificate.path): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) certificates failed:\n\(failures.joined(separator: "\n"))")
    }

    // dgc-testdata DE/2DCode/raw/1.json: its COSE unprotected header carries kid 0c4b15512be91401, the first
    // 8 bytes of SHA-256 over the signer certificate's DER.
    @Test func fingerprintGivesTheDCCKeyIdentifier() throws {
        let certificate = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("DE/2DCode/raw/1.json"))
        #expect(Array(certificate.sha256Fingerprint.prefix(8)).hex == "0c4b15512be91401")
        guard case .p256 = certificate.publicKey else {
            Issue.record("expected a P-256 key, got \(certificate.publicKey)")
            return
        }
    }

    // dgc-testdata ES/2DCode/raw/401.json: a P-384 signer, serial 0x1002, valid 2021-05-05T08:14:46Z for two years.
    @Test func p384SignerFieldsReadBack() throws {
        let certificate = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("ES/2DCode/raw/401.json"))
        #expect(certificate.publicKey == .unsupported("EC secp384r1"))
        #expect(certificate.serialNumber == [0x10, 0x02])
        #expect(certificate.subjectCountry == "ES")
        #expect(certificate.subject.hasPrefix("emailAddress=sergio.juan2@ibsalut.es,CN=TESTCVD3,"))
        #expect(certificate.issuer.contains("CN=Test CVD CA Intermedio"))
        #expect(certificate.notValidBefore == Date(timeIntervalSince1970: 1_620_202_486))
        #expect(certificate.notValidAfter == Date(timeIntervalSince1970: 1_683_274_486))
        #expect(certificate.extendedKeyUsage.isEmpty)
        #expect(
            certificate.sha256Fingerprint.hex == "dcf4e2097e99924fe1af69be0aaf49df3234f7176a03727b5071a0a9c04227c3")
    }

    // dgc-testdata CH/2DCode/raw/1.json: an RSA-2048 signer whose names hold UTF-8 ("für", "Köniz").
    @Test func namesPrintAsUTF8RFC2253() throws {
        let certificate = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("CH/2DCode/raw/1.json"))
        #expect(certificate.subject.contains("O=Bundesamt für Gesundheit (BAG)"))
        #expect(certificate.subject.contains("L=Köniz"))
        #expect(certificate.subject.hasSuffix("C=CH"))
        #expect(certificate.subjectCountry == "CH")
        guard case .rsa(let key) = certificate.publicKey else {
            Issue.record("expected an RSA key, got \(certificate.publicKey)")
            return
        }
        #expect(key.bitCount == 2048)
    }

    // dgc-testdata common/2DCode/raw/CO2.json: a self-signed RSA-3072 signer with the DCC usage OIDs (in the
    // testdata's 1.3.6.1.4.1.0.1847 spelling).
    @Test func extendedKeyUsageAndSelfSignatureReadBack() throws {
        let certificate = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("common/2DCode/raw/CO2.json"))
        #expect(
            certificate.extendedKeyUsage == [
                "1.3.6.1.4.1.0.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.3",
            ])
        #expect(certificate.subject == "CN=RSA-Me")
        #expect(certificate.subjectCountry == nil)
        #expect(certificate.isSigned(by: certificate))
        let other = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("DE/2DCode/raw/1.json"))
        #expect(!certificate.isSigned(by: other))
    }

    @Test func pemBundlesParseInOrder() throws {
        let first = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("DE/2DCode/raw/1.json"))
        let second = try X509Certificate(derEncoded: DCCTestdata.signerCertificate("CH/2DCode/raw/1.json"))
        let bundle = "subject=DE\n" + first.pemRepresentation + "\nsubject=CH\n" + second.pemRepresentation
        #expect(try X509Certificate.certificates(fromPEM: bundle) == [first, second])
        #expect(throws: CryptoError(.invalidCertificate, "")) { try X509Certificate(pemEncoded: bundle) }
    }

    @Test func malformedInputIsRejected() throws {
        let der = try DCCTestdata.signerCertificate("DE/2DCode/raw/1.json")
        for bad in [[], Array(der.dropLast()), der + [0x00], [0x30, 0x03, 0x02, 0x01, 0x01]] {
            let error = try #require(throws: CryptoError.self) { try X509Certificate(derEncoded: bad) }
            #expect(error.code == .invalidCertificate)
        }
        #expect(throws: CryptoError(.invalidCertificate, "")) { try X509Certificate.certificates(fromPEM: "") }
        let key = try P256PrivateKey().publicKey.pemRepresentation
        #expect(throws: CryptoError(.invalidCertificate, "")) { try X509Certificate.certificates(fromPEM: key) }
        let corrupt = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
        #expect(throws: CryptoError(.invalidCertificate, "")) { try X509Certificate(pemEncoded: corrupt) }
    }
}
