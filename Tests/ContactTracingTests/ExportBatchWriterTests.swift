import ContactTracing
import CryptoCore
import Foundation
import Testing

/// Padded export batches: at least the minimum number of keys, the real ones all inside, fakes shaped like them.
@Suite struct ExportBatchWriterTests {
    @Test func aSmallBatchIsPaddedWithKeysShapedLikeTheRealOnes() throws {
        let real = try (0..<3).map { index in
            try DiagnosisKey(
                key: TemporaryExposureKey.generate(),
                rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_650_032 - UInt32(index) * 144),
                transmissionRiskLevel: 2, reportType: .confirmedTest, daysSinceOnsetOfSymptoms: -index)
        }
        let signingKey = try P256PrivateKey()
        let writer = ExportBatchWriter(
            region: "426", minimumKeyCount: 50,
            signers: [
                ExportSigner(
                    key: signingKey, info: SignatureInfo(verificationKeyVersion: "v1", verificationKeyID: "426"))
            ])
        let signed = try writer.write(keys: real, start: 1_590_019_200, end: 1_590_022_800)
        let read = try SignedExport(zipData: signed.zipData())
        try read.verify(with: signingKey.publicKey)
        #expect(read.export.keys.count == 50 && read.export.region == "426")
        #expect(Set(real).isSubset(of: Set(read.export.keys)))
        let starts = Set(real.map(\.rollingStartIntervalNumber))
        #expect(
            read.export.keys.allSatisfy {
                starts.contains($0.rollingStartIntervalNumber) && $0.reportType == .confirmedTest
            })
        #expect(Set(read.export.keys.map(\.key)).count == 50)
        let keyData = read.export.keys.map(\.key.keyData)
        #expect(keyData == keyData.sorted { $0.lexicographicallyPrecedes($1) })
        let large = try writer.write(keys: Array(repeating: real, count: 20).flatMap { $0 }, start: 0, end: 3600)
        #expect(large.export.keys.count == 60)
    }
}
