import ContactTracing
import Foundation
import Testing

/// Matching sightings to diagnosis keys: the ±2 hour rule, metadata decryption, attenuation and windows.
@Suite struct ExposureMatcherTests {
    static let day = ENIntervalNumber(rawValue: 2_650_032)  // a UTC midnight

    static func sighting(
        of key: DiagnosisKey, interval offset: UInt32, at time: Int64? = nil, rssi: Int = -60, power: Int8 = -8
    ) throws -> Sighting {
        let interval = ENIntervalNumber(rawValue: key.rollingStartIntervalNumber.rawValue + offset)
        let derivation = try ExposureKeyDerivation(
            key: key.key, interval: interval, metadata: BluetoothMetadata(transmitPower: power))
        return try Sighting(
            rpi: derivation.rpi, aem: derivation.aem, time: time ?? interval.unixSeconds + 30, rssi: rssi)
    }

    static func noise(_ count: Int) throws -> [Sighting] {
        try (0..<count).map { index in
            try Sighting(
                rpi: RollingProximityIdentifier(bytes: TemporaryExposureKey.generate().keyData),
                aem: AssociatedEncryptedMetadata(bytes: [1, 2, 3, 4]), time: day.unixSeconds + Int64(index), rssi: -90)
        }
    }

    static func key(_ dayOffset: UInt32 = 0, period: Int = 144, onset: Int? = nil) throws -> DiagnosisKey {
        try DiagnosisKey(
            key: .generate(), rollingStartIntervalNumber: ENIntervalNumber(rawValue: day.rawValue + dayOffset * 144),
            rollingPeriod: period, reportType: .confirmedTest, daysSinceOnsetOfSymptoms: onset)
    }

    @Test func plantedSightingsAreFoundWithDecryptedMetadata() async throws {
        let keys = try (0..<20).map { _ in try Self.key() }
        let planted = try [
            Self.sighting(of: keys[3], interval: 10, rssi: -70, power: -5), Self.sighting(of: keys[17], interval: 143),
        ]
        let matcher = ExposureMatcher(sightings: try Self.noise(500) + planted)
        let result = try await matcher.match(keys)
        #expect(result.matchedKeyCount == 2)
        #expect(result.matchedSightingCount == 2)
        let window = try #require(result.windows.first { $0.key == keys[3] })
        #expect(window.sightings.count == 1)
        #expect(window.sightings[0].metadata.transmitPower == -5)
        #expect(window.sightings[0].attenuation == 65)
        #expect(window.sightings[0].interval.rawValue == Self.day.rawValue + 10)
    }

    @Test func twoHourToleranceIsApplied() async throws {
        let key = try Self.key()
        let intervalStart = Self.day.unixSeconds + 50 * 600
        let inside = try Self.sighting(of: key, interval: 50, at: intervalStart + 600 + 7199)
        let early = try Self.sighting(of: key, interval: 50, at: intervalStart - 7200)
        let late = try Self.sighting(of: key, interval: 50, at: intervalStart + 600 + 7200)
        let tooEarly = try Self.sighting(of: key, interval: 50, at: intervalStart - 7201)
        let result = try await ExposureMatcher(sightings: [inside, early, late, tooEarly]).match([key])
        let times = Set(result.windows.flatMap(\.sightings).map(\.sighting.time))
        #expect(times == [inside.time, early.time])
    }

    @Test func rpisOutsideTheKeysPeriodDoNotMatch() async throws {
        let short = try Self.key(period: 10)
        let full = try DiagnosisKey(key: short.key, rollingStartIntervalNumber: short.rollingStartIntervalNumber)
        let sighting = try Self.sighting(of: full, interval: 12)
        let result = try await ExposureMatcher(sightings: [sighting]).match([short])
        #expect(result.windows.isEmpty)
        #expect(result.matchedKeyCount == 0)
    }

    @Test func windowsSplitAfterThirtyMinutesAndAtMidnight() async throws {
        let key = try Self.key()
        let next = try DiagnosisKey(
            key: .generate(), rollingStartIntervalNumber: ENIntervalNumber(rawValue: Self.day.rawValue + 144))
        let sightings =
            try [0, 1, 3, 4, 7].map { try Self.sighting(of: key, interval: 100 + UInt32($0)) }
            + [Self.sighting(of: key, interval: 143), Self.sighting(of: next, interval: 0)]
        let result = try await ExposureMatcher(sightings: sightings).match([key, next])
        let spans = result.windows.map { $0.sightings.count }
        #expect(spans == [3, 2, 1, 1])
        #expect(result.windows.allSatisfy { $0.endTime - $0.startTime <= ExposureWindow.maximumSeconds })
        #expect(Set(result.windows.map(\.date)).count == 2)
        #expect(result.windows.first?.date == "2020-05-21")
    }

    @Test func oneAndTwoThreadsAgree() async throws {
        let keys = try (0..<64).map { try Self.key(UInt32($0 % 3)) }
        let sightings = try Self.noise(200) + keys.enumerated().map { try Self.sighting(of: $1, interval: UInt32($0)) }
        let matcher = ExposureMatcher(sightings: sightings)
        let one = try await matcher.match(keys, threads: 1)
        let two = try await matcher.match(keys, threads: 2)
        #expect(one == two)
        #expect(one.matchedKeyCount == 64)
    }

    @Test func invalidSightingsAreRejected() throws {
        func code(_ json: String) -> ContactTracingError.Code? {
            do {
                _ = try Sighting.decodeJSONList(Data(json.utf8))
                return nil
            } catch let error as ContactTracingError {
                return error.code
            } catch {
                return nil
            }
        }
        let rpi = String(repeating: "ab", count: 16)
        #expect(code(#"[{"rpi": "\#(rpi)", "aem": "00112233", "time": 1600000000, "rssi": -50}]"#) == nil)
        #expect(code(#"[{"rpi": "abcd", "aem": "00112233", "time": 1600000000, "rssi": -50}]"#) == .invalidRPI)
        #expect(code(#"[{"rpi": "\#(rpi)", "aem": "0011", "time": 1600000000, "rssi": -50}]"#) == .invalidAEM)
        #expect(code(#"[{"rpi": "\#(rpi)", "aem": "00112233", "time": -5, "rssi": -50}]"#) == .invalidSighting)
        #expect(code(#"[{"rpi": "\#(rpi)", "aem": "00112233", "time": 1600000000, "rssi": 99}]"#) == .invalidSighting)
        #expect(code(#"[{"rpi": 5}]"#) == .invalidJSON)
    }

    @Test func sightingJSONRoundTrips() throws {
        let sightings = try Self.noise(3)
        #expect(try Sighting.decodeJSONList(Sighting.encodeJSONList(sightings)) == sightings)
    }

    @Test func benchmarkFindsEveryPlantedMatch() async throws {
        let benchmark = try ExposureBenchmark(keyCount: 2000, sightingCount: 1000, plantedCount: 50)
        let result = try await benchmark.run(threads: 2)
        #expect(result.planted == 50)
        #expect(result.foundAllPlanted)
        #expect(result.matches >= 50)
    }
}
