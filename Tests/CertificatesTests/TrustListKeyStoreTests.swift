import CryptoCore
import Foundation
import Testing

@testable import Certificates

/// Trust list files (gateway JSON, PEM, DER) and the file-based signer key store.
@Suite struct TrustListKeyStoreTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("certs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func gatewayJSONRoundTrips() throws {
        let fixture = try IssuerFixture()
        let json = try fixture.trustList.gatewayJSON()
        let entries = try JSONDecoder().decode([TrustListEntry].self, from: json)
        #expect(entries.count == 1 && entries[0].certificateType == "DSC" && entries[0].country == "BH")
        #expect(entries[0].kid == Data(fixture.issuer.keyID).base64EncodedString())
        let list = try TrustList(data: Array(json))
        #expect(list.signers(for: fixture.issuer.keyID).first?.certificate == fixture.dsc)
        let withCSCA =
            "[{\"kid\":\"AAAAAAAAAAA=\",\"country\":\"BH\",\"certificateType\":\"CSCA\",\"rawData\":\"AA==\"},"
            + String(decoding: json, as: UTF8.self).dropFirst()
        #expect(try TrustList(data: Array(withCSCA.utf8)).signers.count == 1)
    }

    @Test func pemAndDERCertificatesAreAccepted() throws {
        let first = try IssuerFixture()
        let second = try IssuerFixture()
        let pem = first.dsc.pemRepresentation + "\n" + second.dsc.pemRepresentation
        #expect(try TrustList(data: Array(pem.utf8)).signers.count == 2)
        let der = try TrustList(data: first.dsc.derRepresentation)
        #expect(der.signers.first?.keyID == first.issuer.keyID)
        #expect(der.signers.first?.country == "BH")
    }

    @Test func badTrustListsAreRejected() {
        for text in [
            "[]", "[{\"kid\":1}]", "not a certificate",
            "[{\"kid\":\"!!\",\"country\":\"X\",\"certificateType\":\"DSC\",\"rawData\":\"!!\"}]",
        ] {
            #expect(throws: CertificateError(.invalidTrustList, "")) { try TrustList(data: Array(text.utf8)) }
        }
    }

    @Test func keyStoreCreatesPrivateKeysAndRefusesToOverwrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = SignerKeyStore(directory: directory)
        #expect(!store.hasKeys)
        let (csca, dsc) = try store.initialize(country: "bh")
        #expect(store.hasKeys)
        #expect(dsc.isSigned(by: csca))
        #expect(Set(dsc.extendedKeyUsage) == Set(SignerKeyStore.documentSignerKeyUsages))
        #expect(dsc.subjectCountry == "BH")
        for name in ["csca.key.pem", "dsc.key.pem"] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent("keys/\(name)").path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
        let before = try String(contentsOf: directory.appendingPathComponent("keys/dsc.key.pem"), encoding: .utf8)
        #expect(throws: CertificateError(.keysExist, "")) { try store.initialize(country: "BH") }
        #expect(try String(contentsOf: directory.appendingPathComponent("keys/dsc.key.pem"), encoding: .utf8) == before)
        let issuer = try #require(try store.ring().signer(at: Date()).issuer)
        let hc1 = try issuer.issue(try issuer.prepare(try IssuerFixture.payload()), validity: 86_400)
        #expect(CertificateVerifier(trustList: try store.ring().publishedTrustList(at: Date())).verify(hc1).isValid)
    }

    @Test func rotatedSignersMoveFromPendingThroughActiveToRetired() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = SignerKeyStore(directory: directory)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let day: TimeInterval = 86_400
        try store.initialize(country: "BH", now: start)
        let next = try store.makeDocumentSigner(validDays: 400, from: start + 100 * day, now: start)
        #expect(try store.ring().signers.map(\.number) == [1], "a key without its certificate is not yet a signer")
        try store.publish(next)
        #expect(next.certificate.subject.contains("DSC BH 2"))
        func states(_ date: Date) throws -> [String] {
            try store.ring().states(at: date).map { signer, state in
                state.until.map { "\(state.name) \(Int(($0.timeIntervalSince(start) / day).rounded()))" } ?? state.name
            }
        }
        #expect(try states(start + day) == ["active", "pending 100"])
        #expect(try states(start + 101 * day) == ["retiring 730", "active"])
        #expect(try states(start + 731 * day) == ["retired", "expired"])
        #expect(try store.ring().publishedTrustList(at: start + day).signers.count == 2)
        #expect(try store.ring().publishedTrustList(at: start + 500 * day).signers.count == 1)
        #expect(try store.ring().completeTrustList.signers.count == 2)
        #expect(try store.ring().signer(at: start + 101 * day).number == 2)

        let abandoned = try store.makeDocumentSigner(validDays: 30, from: start, now: start)
        store.discard(abandoned)
        #expect(throws: CertificateError(.invalidKeyStore, "")) {
            try store.makeDocumentSigner(validDays: 30, from: start - day, now: start)
        }
        #expect(try store.makeDocumentSigner(validDays: 30, from: start, now: start).number == 3)
    }

    @Test func aNewCSCACertifiesTheNextDSCAndTheOldDSCStaysValid() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = SignerKeyStore(directory: directory)
        let (oldCSCA, firstDSC) = try store.initialize(country: "BH")
        let rotated = try store.makeCountrySigner(validDays: 3650)
        #expect(try store.countrySigningCertificates().count == 1, "a CSCA without its certificate certifies nothing")
        try store.publish(rotated)
        let newCSCA = rotated.certificate
        #expect(rotated.number == 2 && newCSCA.subject.contains("CSCA BH 2") && newCSCA.subjectCountry == "BH")
        #expect(
            try store.countrySigningCertificates().map(\.certificate.subject) == [oldCSCA.subject, newCSCA.subject])
        let next = try store.makeDocumentSigner(validDays: 365, from: Date())
        try store.publish(next)
        #expect(next.certificate.isSigned(by: newCSCA) && !next.certificate.isSigned(by: oldCSCA))
        #expect(firstDSC.isSigned(by: oldCSCA))
        #expect(try store.ring().signers.map(\.certificate.issuer) == [oldCSCA.subject, newCSCA.subject])

        // A published CSCA is never discarded; an unpublished one leaves nothing and frees nothing it claimed.
        store.discard(rotated)
        #expect(try store.countrySigningCertificates().count == 2)
        let abandoned = try store.makeCountrySigner(validDays: 3650)
        store.discard(abandoned)
        #expect(try store.makeCountrySigner(validDays: 3650).number == 3)
    }

    @Test func keyStoreRejectsBadCountryAndMissingKeys() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = SignerKeyStore(directory: directory)
        #expect(throws: CertificateError(.invalidKeyStore, "")) { try store.initialize(country: "BHR") }
        #expect(throws: CertificateError(.invalidKeyStore, "")) { try store.ring() }
    }
}
