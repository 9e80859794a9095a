import Foundation
import HealthPostgres
import Testing

@testable import HealthSQLite
@testable import HealthServices

/// The daily counters the health database keeps as records are written agree, on both backends, with a count of the
/// records themselves: through corrections that change a result or move its sample day, early and on-time
/// releases, doses, bookings and check-ins; and a database written before the counters existed gets them filled in
/// when it is upgraded.
@Suite struct StatisticsCountsTests {
    @Test(arguments: StorageBackend.allCases) func countersAgreeWithTheRecords(backend: StorageBackend) async throws {
        let harness = try await ServiceHarness(backend)
        try await Self.write(harness)
        try await Self.expectCountersAgree(harness.storage.stores.statistics, harness.storage)
        let booster = CalendarDate(iso8601: "2026-01-16")!
        #expect(
            try await harness.storage.stores.statistics.dayCounts(from: booster, to: booster)
                == [DayCount(day: booster, metric: .boosters, count: 1)])
    }

    @Test(arguments: StorageBackend.allCases) func anUpgradedDatabaseGetsItsCountersFilledIn(backend: StorageBackend)
        async throws
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("statistics-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let harness = try await ServiceHarness(backend, sqliteStorage: .directory(directory))
        try await Self.write(harness)
        // The previous release chained every entry as it wrote it: none is left pending.
        _ = try await harness.services.audit.seal()
        for statement in Self.previousRelease(backend) {
            try await harness.storage.execute(statement)
        }
        switch harness.storage {
        case .sqlite:
            let upgraded = try SQLiteDatabase(
                .file(path: directory + "/" + HealthStorage.healthFileName), migrations: SQLiteHealthSchema.migrations)
            try await Self.expectCountersAgree(StatisticsSQLiteStore(database: upgraded), harness.storage)
            await upgraded.close()
        case .postgres(let test):
            try await test.storage.migrate()
            try await Self.expectCountersAgree(harness.storage.stores.statistics, harness.storage)
        }
    }

    /// What the statistics migration and the ones after it added, taken away again: the database as the release
    /// before it left it.
    static func previousRelease(_ backend: StorageBackend) -> [String] {
        let healthCards = [
            "DROP INDEX enrolment_challenges_phone", "DROP INDEX outbox_code_messages",
            "DROP INDEX exposure_verification_codes_sealed", "DROP INDEX contacts_details", "DROP INDEX orders_end",
            "DROP INDEX people_dependants_born", "ALTER TABLE appointments DROP COLUMN wrong_check_in_codes",
            "ALTER TABLE exposure_verification_codes DROP COLUMN retried",
            "ALTER TABLE certificates DROP COLUMN health_card", "DROP TABLE imported_health_card_issuers",
            "DROP INDEX contacts_order", "ALTER TABLE lab_results DROP COLUMN device",
            "ALTER TABLE lab_result_history DROP COLUMN device",
        ]
        let indexes = [
            "CREATE INDEX lab_results_sampled ON lab_results(sampled_at, result)",
            "CREATE INDEX vaccinations_administered ON vaccinations(administered_at, dose_number, total_doses)",
            "CREATE INDEX appointments_created ON appointments(created_at)",
            "CREATE INDEX check_ins_day ON check_ins(day)",
        ]
        switch backend {
        case .sqlite:
            return [
                "lab_results_counted", "lab_results_recounted", "vaccinations_counted", "appointments_counted",
                "cases_counted", "check_ins_counted", "orders_counted", "orders_recounted",
            ].map { "DROP TRIGGER \($0)" } + indexes + healthCards + [
                "DROP TABLE statistics_counts", "DROP INDEX cases_person",
                "DELETE FROM schema_migrations WHERE version IN (14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25)",
            ]
        case .postgres:
            return [
                "lab_results_count", "written_count", "orders_count", "statistics_add", "statistics_order_end",
                "statistics_fold", "statistics_check_ins_due", "vaccinations_count",
            ].map { "DROP FUNCTION \($0) CASCADE" } + indexes + healthCards + [
                "DROP TABLE statistics_counts", "DROP TABLE audit_pending", "DROP FUNCTION audit_seal",
                "DROP FUNCTION audit_pending_refuse_change",
                "DROP INDEX cases_person", "DROP TRIGGER audit_log_no_truncate ON audit_log",
                "DELETE FROM schema_migrations WHERE version IN (12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28)",
            ]
        }
    }

    /// Writes records of every kind the statistics count, through the services, over two weeks of March 2026.
    static func write(_ harness: ServiceHarness) async throws {
        let services = harness.services
        let (_, slots) = try await harness.centreWithSlots(service: "comirnaty")
        let citizen = try await harness.citizen("900112345")
        let booked = try await services.appointments.book(
            slotID: slots[0].id, personID: nil, idempotencyKey: "dose", by: citizen)
        harness.clock.advance(seconds: 26 * 3600 + 300)
        let appointment = try await services.appointments.checkIn(
            appointmentID: booked.appointment.id, code: booked.appointment.checkInCode, by: ServiceHarness.vaccinator)
        _ = try await services.vaccinations.record(
            appointmentID: appointment.id, lot: "FK1", doseNumber: 1, totalDoses: 2,
            administeredAt: "2026-03-02T08:04:00Z", by: ServiceHarness.vaccinator)
        _ = try await harness.person("850211236")
        _ = try await harness.person("850211237")
        // 850211237's third dose is a booster written as the last of a longer course (3/3).
        for (nationalID, dose, total, day) in [
            ("850211236", 1, 2, "2025-06-01"), ("850211236", 2, 2, "2025-07-01"), ("850211236", 3, 2, "2026-01-15"),
            ("850211237", 1, 2, "2025-06-02"), ("850211237", 2, 2, "2025-07-02"), ("850211237", 3, 3, "2026-01-16"),
        ] {
            _ = try await services.vaccinations.recordAbroad(
                nationalId: nationalID, service: "comirnaty", country: "SA", doseNumber: dose, totalDoses: total,
                administeredAt: "\(day)T10:00:00Z", lot: nil, by: harness.operatorPrincipal)
        }

        var people: [Person] = []
        for index in 1...5 {
            people.append(try await harness.person("85021123\(index)"))
        }
        func submit(_ items: Result<LabResultSubmission, ServiceError>...) async throws {
            _ = try await services.results.submit(items, by: ServiceHarness.lab)
        }
        try await submit(
            harness.item("S-1", "850211231", "positive", hoursAgo: 30),
            harness.item("S-2", "850211232", "negative"),
            harness.item("S-3", "850211233", "pending"),
            harness.item("S-4", "850211234", "positive"),
            harness.item("S-5", "850211235", "negative"))
        // At 22:30 UTC (01:30 the next day in Bahrain): a pending result comes in positive; a positive is corrected
        // to negative, its order released early; a sample day is corrected.
        harness.clock.advance(seconds: 14 * 3600 + 25 * 60)
        try await submit(
            harness.item("S-3", "850211233", "positive"),
            harness.item("S-4", "850211234", "negative"),
            harness.item("S-5", "850211235", "negative", hoursAgo: 50))
        let first = people[0]
        let principal = Principal(role: .citizen, name: "citizen:\(first.id)", personID: first.id)
        let order = try #require(try await services.orders.orderViews(for: principal, personID: nil).first)
        _ = try await services.orders.checkIn(orderID: order.id, symptoms: [], temperature: 36.6, by: principal)
        harness.clock.advance(seconds: 12 * 86_400)
        #expect(try await services.orders.releaseDueOrders() > 0)
    }

    /// The store's counts equal a count of the records, for the whole span and for a window that starts while
    /// orders run (their earlier changes added into its first day).
    static func expectCountersAgree(_ store: any StatisticsStore, _ storage: HarnessStorage) async throws {
        let recount = try await recount(storage)
        for (from, to) in [("2025-01-01", "2026-03-31"), ("2026-03-03", "2026-03-08")] {
            let (start, end) = (CalendarDate(iso8601: from)!, CalendarDate(iso8601: to)!)
            var expected: [DayCount.Metric: [CalendarDate: Int]] = [:]
            for count in recount
            where count.day <= end && (count.day >= start || DayCount.Metric.changes.contains(count.metric)) {
                expected[count.metric, default: [:]][max(count.day, start), default: 0] += count.count
            }
            let counted = try await store.dayCounts(from: start, to: end)
            #expect(
                Set(counted)
                    == Set(
                        expected.flatMap { metric, days in
                            days.filter { $0.value != 0 }.map { DayCount(day: $0.key, metric: metric, count: $0.value) }
                        }))
        }
        #expect(recount.contains { $0.metric == .boosters } && recount.contains { $0.metric == .checkIns })
        #expect(recount.filter { $0.metric == .isolationChange }.count >= 4)
    }

    /// The counts of the records themselves, by day and metric, with each order as two changes.
    static func recount(_ storage: HarnessStorage) async throws -> [DayCount] {
        let day: (String) -> String =
            switch storage {
            case .sqlite: { "substr(\($0), 1, 10)" }
            case .postgres: { "CAST(CAST(\($0) AT TIME ZONE 'UTC' AS date) AS text)" }
            }
        let rows = try await storage.texts(
            """
            SELECT metric || ' ' || d || ' ' || CAST(n AS text) FROM (
                SELECT 'tests' AS metric, \(day("sampled_at")) AS d, count(*) AS n FROM lab_results
                WHERE result IN ('positive', 'negative') GROUP BY 2
                UNION ALL SELECT 'positive', \(day("sampled_at")), count(*) FROM lab_results
                WHERE result = 'positive' GROUP BY 2
                UNION ALL SELECT CASE WHEN dose_number > total_doses OR EXISTS (SELECT 1 FROM vaccinations AS p
                    WHERE p.person_id = v.person_id AND p.dose_number < v.dose_number AND p.dose_number >= p.total_doses)
                    THEN 'boosters' WHEN dose_number = 1 THEN 'firstDoses' ELSE 'secondDoses' END,
                    \(day("administered_at")), count(*)
                FROM vaccinations AS v GROUP BY 1, 2
                UNION ALL SELECT 'bookings', \(day("created_at")), count(*) FROM appointments GROUP BY 2
                UNION ALL SELECT 'casesOpened', \(day("opened_at")), count(*) FROM cases GROUP BY 2
                UNION ALL SELECT 'checkIns', CAST(day AS text), count(*) FROM check_ins GROUP BY 2
            ) AS counts
            """)
        let releasedAt =
            switch storage {
            case .sqlite: "released_at"
            case .postgres: #"to_char(released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#
            }
        let createdAt =
            switch storage {
            case .sqlite: "created_at"
            case .postgres: #"to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#
            }
        let orders = try await storage.texts(
            """
            SELECT kind || ' ' || CAST(start_date AS text) || ' ' || CAST(end_date AS text) || ' '
                || coalesce(\(releasedAt), '-') || ' ' || \(createdAt) FROM orders
            """)
        var counts = try rows.map { row in
            let fields = try #require(row?.split(separator: " ").map(String.init))
            return DayCount(
                day: try #require(CalendarDate(iso8601: fields[1])), metric: try #require(.init(rawValue: fields[0])),
                count: try #require(Int(fields[2])))
        }
        for row in orders {
            let fields = try #require(row?.split(separator: " ").map(String.init))
            let metric: DayCount.Metric = fields[0] == "isolation" ? .isolationChange : .quarantineChange
            let start = try #require(CalendarDate(iso8601: fields[1]))
            var end = try #require(CalendarDate(iso8601: fields[2]))
            // Released early, it stops binding the day after its release in Bahrain.
            if let released = Timestamp(iso8601: fields[3])?.civilDate {
                end = min(end, CalendarDate(daysSinceEpoch: released.daysSinceEpoch + 1))
            }
            // Check-ins are owed from the day it was made, in Bahrain, when that is after its start.
            let made = try #require(Timestamp(iso8601: fields[4])).civilDate
            let owing = max(start, made)
            if end > owing {
                counts += [
                    DayCount(day: owing, metric: .checkInsDueChange, count: 1),
                    DayCount(day: end, metric: .checkInsDueChange, count: -1),
                ]
            }
            guard end > start else { continue }
            counts += [DayCount(day: start, metric: metric, count: 1), DayCount(day: end, metric: metric, count: -1)]
        }
        return counts
    }
}
