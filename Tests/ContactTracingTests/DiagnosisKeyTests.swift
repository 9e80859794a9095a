import ContactTracing
import Foundation
import Testing

/// The reference key server's per-key and batch rules, one error code each.
@Suite struct DiagnosisKeyTests {
    static let today = ENIntervalNumber(rawValue: 2_650_000 - 2_650_000 % 144 + 60)  // 10:00 UTC on some day
    static let midnight = today.dayStart

    static func key(
        start: UInt32, period: Int = 144, risk: Int = 0, onset: Int? = nil
    ) throws -> DiagnosisKey {
        try DiagnosisKey(
            key: .generate(), rollingStartIntervalNumber: ENIntervalNumber(rawValue: start), rollingPeriod: period,
            transmissionRiskLevel: risk, daysSinceOnsetOfSymptoms: onset)
    }

    static func code(_ body: () throws -> Void) -> ContactTracingError.Code? {
        do {
            try body()
            return nil
        } catch let error as ContactTracingError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func validBatchOfFourteenDaysPasses() throws {
        let keys = try (0..<14).map { try Self.key(start: Self.midnight.rawValue - UInt32($0) * 144) }
        try DiagnosisKeyValidator().validate(keys, at: Self.today)
    }

    @Test func perKeyRulesHaveTheirOwnCodes() throws {
        let start = Self.midnight.rawValue
        #expect(
            Self.code { _ = try TemporaryExposureKey(keyData: Array(repeating: 1, count: 15)) } == .invalidKeyLength)
        #expect(Self.code { _ = try Self.key(start: start, period: 0) } == .invalidRollingPeriod)
        #expect(Self.code { _ = try Self.key(start: start, period: 145) } == .invalidRollingPeriod)
        #expect(Self.code { _ = try Self.key(start: start, risk: 9) } == .invalidTransmissionRisk)
        #expect(Self.code { _ = try Self.key(start: start, onset: 15) } == .invalidDaysSinceOnset)
        #expect(Self.code { _ = try Self.key(start: start, onset: -15) } == .invalidDaysSinceOnset)
        #expect(Self.code { _ = try ReportType(validating: 6) } == .invalidReportType)
    }

    /// As on the reference server, a full-day key need not start at UTC midnight.
    @Test func aFullDayKeyMayStartAfterMidnight() throws {
        let yesterday = Self.midnight.rawValue - 144
        try DiagnosisKeyValidator().validate([try Self.key(start: yesterday + 37, period: 144)], at: Self.today)
    }

    @Test func shortKeyMayStartMidDayAndBoundsAreInclusive() throws {
        let key = try Self.key(start: Self.midnight.rawValue + 7, period: 50, risk: 8, onset: -14)
        #expect(key.covers(ENIntervalNumber(rawValue: Self.midnight.rawValue + 56)))
        #expect(!key.covers(ENIntervalNumber(rawValue: Self.midnight.rawValue + 57)))
        _ = try Self.key(start: Self.midnight.rawValue, onset: 14)
    }

    @Test func keyInTheFutureIsRejected() throws {
        let future = try Self.key(start: Self.midnight.rawValue + 144)
        #expect(Self.code { try DiagnosisKeyValidator().validate([future], at: Self.today) } == .rollingStartInFuture)
    }

    @Test func keyOlderThanFifteenDaysIsRejected() throws {
        let limit = try Self.key(start: Self.midnight.rawValue - 15 * 144)
        try DiagnosisKeyValidator().validate([limit], at: Self.today)
        let old = try Self.key(start: Self.midnight.rawValue - 16 * 144)
        #expect(Self.code { try DiagnosisKeyValidator().validate([old], at: Self.today) } == .keyTooOld)
    }

    @Test func partiallyOverlappingKeysAreRejected() throws {
        let day = Self.midnight.rawValue - 144
        let first = try Self.key(start: day, period: 100)
        let second = try Self.key(start: day + 99, period: 20)
        #expect(
            Self.code { try DiagnosisKeyValidator().validate([second, first], at: Self.today) } == .overlappingKeys)
        let adjacent = try Self.key(start: day + 100, period: 20)
        try DiagnosisKeyValidator().validate([adjacent, first], at: Self.today)
    }

    @Test func atMostThreeKeysShareAStart() throws {
        let day = Self.midnight.rawValue - 144
        let three = try [10, 50, 144].map { try Self.key(start: day, period: $0) }
        try DiagnosisKeyValidator().validate(three, at: Self.today)
        let four = try three + [Self.key(start: day, period: 70)]
        #expect(Self.code { try DiagnosisKeyValidator().validate(four, at: Self.today) } == .tooManyKeysWithSameStart)
    }

    @Test func jsonKeyListRoundTripsAndReportsTheBadKey() throws {
        let keys = try [Self.key(start: Self.midnight.rawValue, risk: 3, onset: 2)]
        let decoded = try DiagnosisKey.decodeJSONList(DiagnosisKey.encodeJSONList(keys))
        #expect(
            decoded
                == keys.map {
                    try! DiagnosisKey(
                        key: $0.key, rollingStartIntervalNumber: $0.rollingStartIntervalNumber, rollingPeriod: 144,
                        transmissionRiskLevel: 3, reportType: .unknown, daysSinceOnsetOfSymptoms: 2)
                })
        let short = #"[{"key": "AAAA", "rollingStartIntervalNumber": 2649600, "rollingPeriod": 144}]"#
        #expect(Self.code { _ = try DiagnosisKey.decodeJSONList(Data(short.utf8)) } == .invalidKeyLength)
        #expect(Self.code { _ = try DiagnosisKey.decodeJSONList(Data("{".utf8)) } == .invalidJSON)
        let negative = #"[{"key": "Fy/EgOWYSQw0F3YEM5sVQw==", "rollingStartIntervalNumber": -1, "rollingPeriod": 1}]"#
        #expect(Self.code { _ = try DiagnosisKey.decodeJSONList(Data(negative.utf8)) } == .invalidIntervalNumber)
    }
}
