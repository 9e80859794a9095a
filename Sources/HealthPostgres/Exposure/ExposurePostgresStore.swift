public import ContactTracing
public import HealthServices
import PostgresNIO

/// ``ExposureStore`` on PostgreSQL. Each method is one transaction; the conditional updates and unique keys each
/// method's documentation names give its isolation across servers, and a publish locks the upload it revises.
public struct ExposurePostgresStore: ExposureStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func insert(_ token: VerificationToken) async throws -> Bool {
        try await database.write { session in try await Self.insert(token, session, unlessTagTaken: true) }
    }

    public func replace(_ token: VerificationToken) async throws -> Bool {
        let tag = token.retryTag.map(Bytea.init)
        return try await database.write { session in
            // Locks the tag's token, so that it is neither exchanged nor replaced by another retry meanwhile.
            let exchanged = try await session.first(
                "SELECT used_at IS NOT NULL FROM verification_tokens WHERE retry_tag = \(tag) FOR UPDATE"
            ) { try $0.decode(Bool.self) }
            guard exchanged != true else { return false }
            try await session.run("DELETE FROM verification_tokens WHERE retry_tag = \(tag)")
            // A first use's token stored meanwhile takes the tag: the unique key fails, and the write runs again.
            return try await Self.insert(token, session, unlessTagTaken: false)
        }
    }

    /// Inserts `token`; when its tag is taken, returns false (`unlessTagTaken`) or fails on the unique key.
    private static func insert(_ token: VerificationToken, _ session: PostgresSession, unlessTagTaken: Bool)
        async throws -> Bool
    {
        let conflict = unlessTagTaken ? "ON CONFLICT (retry_tag) WHERE retry_tag IS NOT NULL DO NOTHING" : ""
        return try await session.run(
            """
            INSERT INTO verification_tokens
                (token_hash, test_type, symptom_onset_interval, expires_at, retry_tag, retry_until)
            VALUES (\(Bytea(token.tokenHash)), \(token.testType.rawValue), \(Int64(token.symptomOnsetInterval)),
                \(token.expiresAt), \(token.retryTag.map(Bytea.init)), \(token.retryUntil))
            \(unescaped: conflict) RETURNING 1
            """) == 1
    }

    public func eraseRetryTags(endedBy now: Timestamp) async throws -> Int {
        try await database.write { session in
            try await session.run(
                """
                UPDATE verification_tokens SET retry_tag = NULL, retry_until = NULL
                WHERE retry_tag IS NOT NULL AND retry_until <= \(now) RETURNING 1
                """)
        }
    }

    public func consumeToken(hash: [UInt8], at now: Timestamp) async throws -> VerificationToken? {
        try await database.write { session in
            try await session.first(
                """
                UPDATE verification_tokens SET used_at = \(now.roundedDown(to: Timestamp.hourSeconds))
                WHERE token_hash = \(Bytea(hash)) AND used_at IS NULL AND expires_at > \(now)
                RETURNING test_type, symptom_onset_interval, expires_at
                """
            ) { row in
                let (type, interval, expiresAt) = try row.decode((String, Int64, Timestamp).self)
                guard let testType = VerificationClaims.TestType(rawValue: type), let onset = UInt32(exactly: interval)
                else { throw StoreError("verification_tokens holds an unreadable token") }
                return VerificationToken(
                    tokenHash: hash, testType: testType, symptomOnsetInterval: onset, expiresAt: expiresAt)
            }
        }
    }

    public func publish(_ publication: KeyPublication) async throws -> PublicationOutcome {
        try await database.write { session in
            try await ExposurePostgresPublish(session: session, publication: publication).run()
        }
    }

    public func keys(availableFrom start: Int64, to end: Int64) async throws
        -> (keys: [DiagnosisKey], revised: [DiagnosisKey])
    {
        try await database.read { session in
            let rows = try await session.all(
                """
                SELECT key_data, rolling_start, rolling_period, transmission_risk, report_type, days_since_onset, revised
                FROM exposure_keys WHERE available_at >= \(start) AND available_at < \(end)
                """
            ) { row in
                let (keyData, rollingStart, period, risk, reportType, daysSinceOnset, revised) = try row.decode(
                    (Bytea, Int64, Int, Int, Int, Int?, Bool).self)
                guard let start = UInt32(exactly: rollingStart) else { throw StoreError("unreadable rolling start") }
                let key = try DiagnosisKey(
                    key: TemporaryExposureKey(keyData: keyData.bytes),
                    rollingStartIntervalNumber: ENIntervalNumber(rawValue: start), rollingPeriod: period,
                    transmissionRiskLevel: risk, reportType: ReportType(validating: reportType),
                    daysSinceOnsetOfSymptoms: daysSinceOnset)
                return (key, revised)
            }
            return (rows.filter { !$0.1 }.map(\.0), rows.filter(\.1).map(\.0))
        }
    }

    public func tokenHasExpired(hash: [UInt8], at now: Timestamp) async throws -> Bool {
        try await database.read { session in
            try await session.first(
                """
                SELECT 1 FROM verification_tokens
                WHERE token_hash = \(Bytea(hash)) AND used_at IS NULL AND expires_at <= \(now)
                """
            ) { _ in true } ?? false
        }
    }

    public func nextAvailableTime(from start: Int64) async throws -> Int64? {
        try await database.read { session in
            try await session.first("SELECT min(available_at) FROM exposure_keys WHERE available_at >= \(start)") {
                try $0.decode(Int64?.self)
            } ?? nil
        }
    }

    public func exportCursor(region: String) async throws -> Int64? {
        try await database.read { session in
            try await session.first("SELECT through_at FROM export_cursors WHERE region = \(region)") {
                try $0.decode(Int64.self)
            }
        }
    }

    public func recordExportWindow(
        region: String, previous: Int64?, start: Int64, end: Int64, batch: ExportBatch?, at now: Timestamp
    ) async throws {
        try await database.write { session in
            let moved =
                if let previous {
                    try await session.run(
                        """
                        UPDATE export_cursors SET through_at = \(end) WHERE region = \(region) AND through_at = \(previous)
                        RETURNING 1
                        """)
                } else {
                    try await session.run(
                        """
                        INSERT INTO export_cursors (region, through_at) VALUES (\(region), \(end))
                        ON CONFLICT DO NOTHING RETURNING 1
                        """)
                }
            guard moved == 1 else { throw ExposureStoreError.exportRaced }
            // The cursor row is now locked: a publish still holding it shared has committed, and this statement's
            // snapshot sees its keys.
            let available = try await session.first(
                "SELECT count(*) FROM exposure_keys WHERE available_at >= \(start) AND available_at < \(end)"
            ) { try $0.decode(Int64.self) }
            guard available == Int64(batch?.keyCount ?? 0) else { throw ExposureStoreError.exportRaced }
            guard let batch else { return }
            try await session.run(
                """
                INSERT INTO export_batches
                    (file_name, region, start_at, end_at, key_count, file_key_count, etag, zip, written_at)
                VALUES (\(batch.fileName), \(batch.region), \(batch.start), \(batch.end), \(batch.keyCount),
                    \(batch.fileKeyCount), \(batch.etag), \(Bytea(batch.zip)), \(now))
                """)
            try await Self.count("batches", 1, on: now, session)
        }
    }

    public func batchFileNames(region: String) async throws -> [String] {
        try await database.read { session in
            try await session.all("SELECT file_name FROM export_batches WHERE region = \(region) ORDER BY start_at") {
                try $0.decode(String.self)
            }
        }
    }

    public func exportFile(named name: String) async throws -> ExportFile? {
        try await database.read { session in
            try await session.first("SELECT zip, etag FROM export_batches WHERE file_name = \(name)") { row in
                let (zip, etag) = try row.decode((Bytea, String).self)
                return ExportFile(contents: zip.bytes, etag: etag)
            }
        }
    }

    public func deleteExpired(
        keysEndingBefore: Int64, keysExportedBefore: Int64, batchesEndingBefore: Int64, tokensExpiredBy: Timestamp,
        at now: Timestamp
    ) async throws -> [String] {
        try await database.write { session in
            // Only keys this region's export has covered: one accepted at the window's edge goes out once first.
            try await session.run(
                """
                DELETE FROM exposure_keys
                WHERE (rolling_start + rolling_period) * \(ENIntervalNumber.secondsPerInterval) < \(keysEndingBefore)
                    AND available_at < \(keysExportedBefore)
                """)
            // Uploads without keys are locked first, skipping those a publish holds, then deleted by a statement
            // whose snapshot sees every key committed meanwhile: one statement's snapshot could miss a revision's
            // new keys, and deleting the upload would take them with it.
            let empty = try await session.all(
                """
                SELECT id FROM uploads u WHERE NOT EXISTS (SELECT 1 FROM exposure_keys k WHERE k.upload_id = u.id)
                FOR UPDATE SKIP LOCKED
                """
            ) { try $0.decode(Int64.self) }
            if !empty.isEmpty {
                try await session.run(
                    """
                    DELETE FROM uploads u WHERE u.id = ANY(\(empty))
                        AND NOT EXISTS (SELECT 1 FROM exposure_keys k WHERE k.upload_id = u.id)
                    """)
            }
            try await session.run("DELETE FROM verification_tokens WHERE expires_at <= \(tokensExpiredBy)")
            try await session.run("DELETE FROM used_certificates WHERE expires_at <= \(now)")
            return try await session.all(
                "DELETE FROM export_batches WHERE end_at < \(batchesEndingBefore) RETURNING file_name"
            ) { try $0.decode(String.self) }
        }
    }

    public func dailyCounts() async throws -> [ExposureDailyCount] {
        try await database.read { session in
            let rows = try await session.all("SELECT day, metric, count FROM daily_counts ORDER BY day") {
                try $0.decode((CalendarDate, String, Int).self)
            }
            var days: [ExposureDailyCount] = []
            for (day, metric, count) in rows {
                if days.last?.day != day.iso8601 { days.append(ExposureDailyCount(day: day.iso8601)) }
                switch metric {
                case "publishes": days[days.count - 1].publishes = count
                case "keys": days[days.count - 1].keysPublished = count
                default: days[days.count - 1].batchesWritten = count
                }
            }
            return days
        }
    }

    /// Adds `amount` to the day's count of `metric`.
    static func count(_ metric: String, _ amount: Int, on now: Timestamp, _ session: PostgresSession) async throws {
        try await session.run(
            """
            INSERT INTO daily_counts (day, metric, count) VALUES (\(now.date), \(metric), \(amount))
            ON CONFLICT (day, metric) DO UPDATE SET count = daily_counts.count + excluded.count
            """)
    }
}
