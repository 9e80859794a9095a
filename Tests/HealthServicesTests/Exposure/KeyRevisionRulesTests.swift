import Testing

@testable import HealthServices

/// A key published again may lengthen its period, never move its start: the stored start with a longer period
/// would make a key valid, and exported, hours before it ends, so anyone holding it could make phones match it.
@Suite struct KeyRevisionRulesTests {
    /// Today's key so far (60 intervals), then the same key data under yesterday's start with a whole day: the two
    /// do not overlap, but stored in order, the second would have lengthened the first to the end of today.
    @Test(arguments: StorageBackend.allCases) func oneKeyTwiceInAnUploadIsRefused(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        var phone = TestPhone(days: 1...1, now: fixture.now)
        let yesterday = phone.keys[0]
        phone.keys.insert(TestPhone.Key(data: yesterday.data, start: yesterday.start + 144, period: 60), at: 0)
        let refused = await #expect(throws: ServiceError.self) { try await fixture.publish(phone) }
        #expect(refused?.code == .invalidKeys && refused?.detail.contains("duplicate-keys") == true)
        #expect(try await Self.storedKeys(fixture).isEmpty)
    }

    @Test(arguments: StorageBackend.allCases) func aKeyPublishedAgainKeepsItsRollingStart(backend: StorageBackend)
        async throws
    {
        let fixture = try await KeyServerFixture(backend)
        var phone = TestPhone(days: 1...1, now: fixture.now)
        phone.keys[0] = TestPhone.Key(data: phone.keys[0].data, start: phone.keys[0].start + 144, period: 60)
        let first = try await fixture.publish(phone)
        let stored = try await Self.storedKeys(fixture)
        #expect(stored.count == 1)

        var moved = phone
        moved.keys[0] = TestPhone.Key(data: phone.keys[0].data, start: phone.keys[0].start - 144, period: 144)
        let refused = await #expect(throws: ServiceError.self) {
            try await fixture.publish(moved, revisionToken: first.revisionToken)
        }
        #expect(refused?.code == .invalidKeys)
        #expect(try await Self.storedKeys(fixture) == stored)
    }

    /// A key sent without a transmission risk (0, as apps of Exposure Notifications v2 send) is stored with the risk
    /// its report type stands for, as the reference key server fills it in for v1 apps, which weigh keys by it; a
    /// risk sent is kept.
    @Test(arguments: StorageBackend.allCases) func aKeyWithoutATransmissionRiskTakesItsReportTypes(
        backend: StorageBackend
    ) async throws {
        let fixture = try await KeyServerFixture(backend)
        var phone = TestPhone(days: 1...2, now: fixture.now)
        phone.keys[0].risk = 0
        phone.keys[1].risk = 7
        _ = try await fixture.publish(phone)
        let risks = try await fixture.harness.storage.texts(
            in: .exposure, "SELECT CAST(transmission_risk AS text) FROM exposure_keys ORDER BY rolling_start")
        #expect(risks == ["2", "7"])
    }

    /// Each stored key as "start,period,available at".
    static func storedKeys(_ fixture: KeyServerFixture) async throws -> [String?] {
        try await fixture.harness.storage.texts(
            in: .exposure,
            """
            SELECT CAST(rolling_start AS text) || ',' || CAST(rolling_period AS text) || ','
                || CAST(available_at AS text)
            FROM exposure_keys ORDER BY rolling_start
            """)
    }
}
