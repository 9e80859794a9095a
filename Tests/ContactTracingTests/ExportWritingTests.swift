import ContactTracing
import CryptoCore
import Foundation
import TestSupport
import Testing

/// Signing and zipping exports: round trip, byte reproducibility apart from the signature, and the Python
/// reference checker's verdict on what we write.
@Suite struct ExportWritingTests {
    static func sampleExport() throws -> KeyExport {
        let keys = try (0..<5).map { index in
            try DiagnosisKey(
                key: TemporaryExposureKey(keyData: [UInt8](repeating: UInt8(40 - index), count: 16)),
                rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_650_032 - UInt32(index) * 144),
                transmissionRiskLevel: index, reportType: .confirmedTest, daysSinceOnsetOfSymptoms: index - 2)
        }
        return KeyExport(startTimestamp: 1_600_000_000, endTimestamp: 1_600_086_400, region: "BH", keys: keys)
    }

    static let info = SignatureInfo(verificationKeyVersion: "v1", verificationKeyID: "424")

    @Test func signedExportRoundTripsThroughTheZip() throws {
        let signingKey = try P256PrivateKey()
        let signed = try SignedExport.sign(Self.sampleExport(), with: signingKey, info: Self.info)
        let read = try SignedExport(zipData: signed.zipData())
        #expect(read == signed)
        #expect(try read.verify(with: signingKey.publicKey).info == Self.info)
        #expect(Set(read.export.keys) == Set(try Self.sampleExport().keys))
        #expect(read.export.signatureInfos == [Self.info])
        #expect(Array(read.exportBin.prefix(16)) == Array("EK Export v1    ".utf8))
    }

    @Test func writingIsReproducibleApartFromTheSignature() throws {
        let signingKey = try P256PrivateKey()
        var shuffled = try Self.sampleExport()
        shuffled.keys.reverse()
        let first = try SignedExport.sign(Self.sampleExport(), with: signingKey, info: Self.info)
        let second = try SignedExport.sign(shuffled, with: signingKey, info: Self.info)
        #expect(first.exportBin == second.exportBin)
        let keyData = first.export.keys.map(\.key.keyData)
        #expect(keyData == keyData.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(try first.zipData() == first.zipData())
        let rezipped = try SignedExport(exportBin: second.exportBin, exportSig: first.exportSig)
        #expect(try rezipped.zipData() == first.zipData())
    }

    @Test func referenceCheckerVerifiesOurExport() async throws {
        let signingKey = try P256PrivateKey()
        let signed = try SignedExport.sign(Self.sampleExport(), with: signingKey, info: Self.info)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ct-export-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("export.zip")
        let pem = directory.appendingPathComponent("public.pem")
        try signed.zipData().write(to: zip)
        try Data(signingKey.publicKey.pemRepresentation.utf8).write(to: pem)
        let result = try await ReferenceTools.run("gaen_ref.py", ["--export", zip.path, "--pubkey", pem.path])
        #expect(result.status == 0)
        #expect(result.text.contains("signature: ['ok']"))
        #expect(result.text.contains("\"region\": \"BH\""))
        #expect(result.text.contains(Data(repeating: 40, count: 16).base64EncodedString()))
    }

    @Test func aRolloverExportCarriesOneSignaturePerKeyAndEachVerifiesWithTheReferenceChecker() async throws {
        let keys = try [P256PrivateKey(), P256PrivateKey()]
        let infos = ["v1", "v2"].map { SignatureInfo(verificationKeyVersion: $0, verificationKeyID: "424") }
        let signed = try SignedExport.sign(
            Self.sampleExport(), with: zip(keys, infos).map { ExportSigner(key: $0, info: $1) })
        #expect(signed.export.signatureInfos == infos)
        #expect(signed.signatures.map(\.info) == infos)
        #expect(try signed.verify(with: keys[1].publicKey).info == infos[1])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ct-rollover-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("export.zip")
        try signed.zipData().write(to: zip)
        for (index, expected) in ["['ok', 'BAD']", "['BAD', 'ok']"].enumerated() {
            let pem = directory.appendingPathComponent("public-\(index).pem")
            try Data(keys[index].publicKey.pemRepresentation.utf8).write(to: pem)
            let result = try await ReferenceTools.run("gaen_ref.py", ["--export", zip.path, "--pubkey", pem.path])
            #expect(result.status == 0 && result.text.contains("signature: \(expected)"), "\(result.text)")
        }
    }

    @Test func onlyECDSAP256SHA256IsSigned() throws {
        let info = SignatureInfo(
            verificationKeyVersion: "v1", verificationKeyID: "1", signatureAlgorithm: "1.2.840.10045.4.3.4")
        let error = try #require(throws: ContactTracingError.self) {
            try SignedExport.sign(Self.sampleExport(), with: P256PrivateKey(), info: info)
        }
        #expect(error.code == .invalidSignature)
    }
}
