import ContactTracing
import CryptoCore
import Foundation
import Testing

/// Reading the real signed exports in Tests/Fixtures/gaen (exposure-notifications-internals sample and the
/// exposure-notifications-server example) and the two unsigned ones.
@Suite struct ExportReadingTests {
    struct Manifest: Decodable {
        struct Entry: Decodable {
            struct Expected: Decodable {
                struct Key: Decodable {
                    let key_data: String
                    let rolling_start_interval_number: UInt32
                    let rolling_period: Int
                    let transmission_risk_level: Int
                }

                let region: String
                let key_count: Int
                let start_timestamp: UInt64
                let end_timestamp: UInt64
                let keys: [Key]?
            }

            let dir: String
            let files: [String]
            let public_key_pem: String
            let expected: Expected
        }

        let exports: [Entry]
    }

    /// The manifest, read once; a missing file fails each test that needs it.
    static let loaded = Result { try JSONDecoder().decode(Manifest.self, from: GAENTestData.data("exports.json")) }

    static func manifest() throws -> Manifest { try loaded.get() }

    /// The export folders to test one by one; one placeholder when the manifest is missing, so that test fails.
    static let exportFolders = (try? loaded.get())?.exports.map(\.dir) ?? ["exports.json missing"]

    static func zip(of entry: Manifest.Entry) throws -> Data {
        let name = try #require(entry.files.first { $0.hasSuffix(".zip") })
        return try GAENTestData.data("\(entry.dir)/\(name)")
    }

    @Test(arguments: exportFolders)
    func signedExportVerifiesAndYieldsTheListedKeys(dir: String) throws {
        let entry = try #require(try Self.manifest().exports.first { $0.dir == dir })
        let export = try SignedExport(zipData: Self.zip(of: entry))
        let signer = try export.verify(with: P256PublicKey(pemRepresentation: entry.public_key_pem))
        #expect(signer.info.signatureAlgorithm == SignatureInfo.ecdsaP256SHA256)
        #expect(export.export.region == entry.expected.region)
        #expect(export.export.keys.count == entry.expected.key_count)
        #expect(export.export.startTimestamp == entry.expected.start_timestamp)
        #expect(export.export.endTimestamp == entry.expected.end_timestamp)
        #expect(export.export.batchNumber == 1 && export.export.batchSize == 1)
        if let keys = entry.expected.keys {
            let got = Set(
                export.export.keys.map {
                    "\(Data($0.key.keyData).base64EncodedString()) \($0.rollingStartIntervalNumber) \($0.rollingPeriod) \($0.transmissionRiskLevel)"
                })
            let want = Set(
                keys.map {
                    "\($0.key_data) \($0.rolling_start_interval_number) \($0.rolling_period) \($0.transmission_risk_level)"
                })
            #expect(got == want)
        }
        let loose = try SignedExport(
            exportBin: GAENTestData.bytes("\(dir)/export.bin"), exportSig: GAENTestData.bytes("\(dir)/export.sig"))
        #expect(loose == export)
    }

    @Test func googleSampleSignerAndKeyID() throws {
        let entry = try #require(try Self.manifest().exports.first { $0.dir == "google-internals-sample" })
        let export = try SignedExport(zipData: Self.zip(of: entry))
        #expect(export.signatures.first?.info.verificationKeyID == "310")
        #expect(export.signatures.first?.info.verificationKeyVersion == "v1")
        #expect(export.export.signatureInfos.first?.verificationKeyID == "310")
    }

    @Test func anotherPublicKeyDoesNotVerify() throws {
        let google = try #require(try Self.manifest().exports.first { $0.dir == "google-internals-sample" })
        let other = try #require(try Self.manifest().exports.first { $0.dir == "ens-server-example" })
        let export = try SignedExport(zipData: Self.zip(of: google))
        let error = try #require(throws: ContactTracingError.self) {
            try export.verify(with: P256PublicKey(pemRepresentation: other.public_key_pem))
        }
        #expect(error.code == .signatureMismatch)
    }

    @Test(arguments: exportFolders)
    func oneFlippedByteFailsVerification(dir: String) throws {
        let entry = try #require(try Self.manifest().exports.first { $0.dir == dir })
        let original = try SignedExport(zipData: Self.zip(of: entry))
        var bin = original.exportBin
        let firstKey = try #require(original.export.keys.first).key.keyData
        let offset = try #require((0...(bin.count - 16)).first { Array(bin[$0..<$0 + 16]) == firstKey })
        bin[offset + 3] ^= 0x01
        let tampered = try SignedExport(exportBin: bin, exportSig: original.exportSig)
        let error = try #require(throws: ContactTracingError.self) {
            try tampered.verify(with: P256PublicKey(pemRepresentation: entry.public_key_pem))
        }
        #expect(error.code == .signatureMismatch)
    }

    @Test(arguments: [("internals-app-raw-export.bin", 110), ("internals-cpp-testdata-export.bin", 200)])
    func unsignedExportsSkipTheReservedSignatureField(file: String, keyCount: Int) throws {
        let export = try KeyExport(exportBin: GAENTestData.bytes("unsigned-exports/\(file)"))
        #expect(export.region == "US")
        #expect(export.keys.count == keyCount)
        #expect(export.signatureInfos.count == 1)
        #expect(export.signatureInfos[0].verificationKeyID.isEmpty)
    }
}
