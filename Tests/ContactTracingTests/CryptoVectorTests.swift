import ContactTracing
import Foundation
import Testing

/// Google's EN v1.2 vectors (Tests/Fixtures/gaen/crypto-test-vectors.json, from
/// exposure-notifications-internals TestVectors.java): one TEK, its RPIK and AEMK, and all 144 RPIs and AEMs.
@Suite struct CryptoVectorTests {
    struct Vectors: Decodable {
        struct Interval: Decodable {
            let index: Int
            let en_interval_number: UInt32
            let rpi_hex: String
            let aem_hex: String
        }

        let key_generation_unix_seconds: Int64
        let rolling_start_interval_number: UInt32
        let tek_hex: String
        let rpik_hex: String
        let aemk_hex: String
        let bluetooth_metadata_hex: String
        let intervals: [Interval]
    }

    /// The vectors file, read once; a missing file fails each test that needs it.
    static let loaded = Result {
        try JSONDecoder().decode(Vectors.self, from: GAENTestData.data("crypto-test-vectors.json"))
    }

    static func vectors() throws -> Vectors { try loaded.get() }

    @Test func intervalNumberOfKeyGenerationTime() throws {
        let vectors = try Self.vectors()
        let interval = try ENIntervalNumber(unixSeconds: vectors.key_generation_unix_seconds)
        #expect(interval.rawValue == vectors.rolling_start_interval_number)
        #expect(interval == interval.dayStart)
    }

    @Test func rpikAndAEMKMatch() throws {
        let vectors = try Self.vectors()
        let tek = try TemporaryExposureKey(keyData: GAENTestData.hex(vectors.tek_hex))
        #expect(try tek.rollingProximityIdentifierKey() == GAENTestData.hex(vectors.rpik_hex))
        #expect(try tek.associatedEncryptedMetadataKey() == GAENTestData.hex(vectors.aemk_hex))
    }

    @Test func all144RPIsAndAEMsMatch() throws {
        let vectors = try Self.vectors()
        let tek = try TemporaryExposureKey(keyData: GAENTestData.hex(vectors.tek_hex))
        let metadata = try BluetoothMetadata(bytes: GAENTestData.hex(vectors.bluetooth_metadata_hex))
        #expect(vectors.intervals.count == 144)
        var matches = 0
        for vector in vectors.intervals {
            let derivation = try ExposureKeyDerivation(
                key: tek, interval: ENIntervalNumber(rawValue: vector.en_interval_number), metadata: metadata)
            #expect(derivation.rpi.bytes == GAENTestData.hex(vector.rpi_hex), "RPI[\(vector.index)]")
            #expect(derivation.aem.bytes == GAENTestData.hex(vector.aem_hex), "AEM[\(vector.index)]")
            let decrypted = try derivation.aem.decrypt(aemk: derivation.aemk, rpi: derivation.rpi)
            #expect(decrypted == metadata)
            if derivation.rpi.bytes == GAENTestData.hex(vector.rpi_hex),
                derivation.aem.bytes == GAENTestData.hex(vector.aem_hex)
            {
                matches += 1
            }
        }
        #expect(matches == 144)
    }

    @Test func metadataFieldsDecode() throws {
        let vectors = try Self.vectors()
        let metadata = try BluetoothMetadata(bytes: GAENTestData.hex(vectors.bluetooth_metadata_hex))
        #expect(metadata.majorVersion == 1)
        #expect(metadata.minorVersion == 0)
        #expect(metadata.transmitPower == 8)
        #expect(BluetoothMetadata(transmitPower: -12).transmitPower == -12)
        #expect(BluetoothMetadata(transmitPower: 8) == metadata)
    }

    @Test func paddedDataLayout() {
        let block = RollingProximityIdentifier.paddedData(for: ENIntervalNumber(rawValue: 0x0102_0304))
        #expect(block == Array("EN-RPI".utf8) + [0, 0, 0, 0, 0, 0, 0x04, 0x03, 0x02, 0x01])
    }

    @Test func wrongLengthsAreRejected() throws {
        #expect(throws: ContactTracingError(.invalidKeyLength, "")) { try TemporaryExposureKey(keyData: [1, 2, 3]) }
        #expect(throws: ContactTracingError(.invalidRPI, "")) { try RollingProximityIdentifier(hex: "abcd") }
        #expect(throws: ContactTracingError(.invalidRPI, "")) { try RollingProximityIdentifier(hex: "zz") }
        #expect(throws: ContactTracingError(.invalidAEM, "")) { try AssociatedEncryptedMetadata(hex: "0011") }
        #expect(throws: ContactTracingError(.invalidMetadata, "")) { try BluetoothMetadata(bytes: [0x40]) }
        #expect(throws: ContactTracingError(.invalidIntervalNumber, "")) { try ENIntervalNumber(unixSeconds: -1) }
        #expect(throws: ContactTracingError(.invalidIntervalNumber, "")) { try ENIntervalNumber(unixSeconds: 1 << 42) }
    }

    @Test func generatedKeysAreDistinctAndValid() throws {
        let first = TemporaryExposureKey.generate()
        let second = TemporaryExposureKey.generate()
        #expect(first.keyData.count == 16)
        #expect(first != second)
    }
}
