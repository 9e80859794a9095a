public import ContactTracing
public import HealthServices

/// ``ExposureStore`` on `exposure.sqlite`. Writes share grouped commits; each method body is one transaction
/// (a savepoint inside the shared one), so SQLite's serializable writes give every method its isolation.
public struct ExposureSQLiteStore: ExposureStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func insert(_ token: VerificationToken) async throws -> Bool {
        try await database.groupedWrite { connection in try Self.insert(token, connection) }
    }

    public func replace(_ token: VerificationToken) async throws -> Bool {
        try await database.groupedWrite { connection in
            let exchanged = try connection.queryFirst(
                "SELECT used_at IS NOT NULL FROM verification_tokens WHERE retry_tag = ?", token.retryTag
            ) { try $0.get(0, as: Bool.self) }
            guard exchanged != true else { return false }
            try connection.run("DELETE FROM verification_tokens WHERE retry_tag = ?", token.retryTag)
            return try Self.insert(token, connection)
        }
    }

    private static func insert(_ token: VerificationToken, _ connection: SQLiteConnection) throws -> Bool {
        try connection.run(
            """
            INSERT INTO verification_tokens
                (token_hash, test_type, symptom_onset_interval, expires_at, retry_tag, retry_until)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (retry_tag) WHERE retry_tag IS NOT NULL DO NOTHING
            """,
            token.tokenHash, token.testType.rawValue, Int(token.symptomOnsetInterval), token.expiresAt, token.retryTag,
            token.retryUntil) == 1
    }

    public func eraseRetryTags(endedBy now: Timestamp) async throws -> Int {
        try await database.groupedWrite { connection in
            try connection.run(
                """
                UPDATE verification_tokens SET retry_tag = NULL, retry_until = NULL
                WHERE retry_tag IS NOT NULL AND retry_until <= ?
                """,
                now)
        }
    }

    public func consumeToken(hash: [UInt8], at now: Timestamp) async throws -> VerificationToken? {
        try await database.groupedWrite { connection in
            try connection.queryFirst(
                """
                UPDATE verification_tokens SET used_at = ?3
                WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1
                RETURNING test_type, symptom_onset_interval, expires_at
                """,
                now, hash, now.roundedDown(to: Timestamp.hourSeconds)
            ) { row in
                VerificationToken(
                    tokenHash: hash, testType: try row.get(0),
                    symptomOnsetInterval: UInt32(try row.get(1, as: Int.self)),
                    expiresAt: try row.get(2))
            }
        }
    }

    public func publish(_ publication: KeyPublication) async throws -> PublicationOutcome {
        try await database.groupedWrite { connection in
            try ExposureSQLitePublish(connection: connection, publication: publication).run()
        }
    }

    public func keys(availableFrom start: Int64, to end: Int64) async throws
        -> (keys: [DiagnosisKey], revised: [DiagnosisKey])
    {
        try await database.read { connection in
            var keys: [DiagnosisKey] = []
            var revised: [DiagnosisKey] = []
            try connection.forEachRow(
                """
                SELECT key_data, rolling_start, rolling_period, transmission_risk, report_type, days_since_onset, revised
                FROM exposure_keys WHERE available_at >= ? AND available_at < ?
                """,
                arguments: [start, end]
            ) { row in
                let key = try DiagnosisKey(
                    key: TemporaryExposureKey(keyData: try row.get(0)),
                    rollingStartIntervalNumber: ENIntervalNumber(rawValue: UInt32(try row.get(1, as: Int.self))),
                    rollingPeriod: try row.get(2), transmissionRiskLevel: try row.get(3),
                    reportType: ReportType(validating: try row.get(4)), daysSinceOnsetOfSymptoms: try row.get(5))
                if try row.get(6, as: Bool.self) { revised.append(key) } else { keys.append(key) }
                return true
            }
            return (keys, revised)
        }
    }

    public func tokenHasExpired(hash: [UInt8], at now: Timestamp) async throws -> Bool {
        try await database.read { connection in
            try connection.queryFirst(
                "SELECT 1 FROM verification_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at <= ?",
                hash, now
            ) { _ in true } ?? false
        }
    }

    public func nextAvailableTime(from start: Int64) async throws -> Int64? {
        try await database.read { connection in
            try connection.queryFirst("SELECT min(available_at) FROM exposure_keys WHERE available_at >= ?", start) {
                try $0.get(0, as: Int64?.self)
            } ?? nil
        }
    }

    public func exportCursor(region: String) async throws -> Int64? {
        try await database.read { connection in
            try connection.queryFirst("SELECT through_at FROM export_cursors WHERE region = ?", region) {
                try $0.get(0, as: Int64.self)
            }
        }
    }

    public func recordExportWindow(
        region: String, previous: Int64?, start: Int64, end: Int64, batch: ExportBatch?, at now: Timestamp
    ) async throws {
        try await database.groupedWrite { connection in
            let moved =
                if let previous {
                    try connection.run(
                        "UPDATE export_cursors SET through_at = ? WHERE region = ? AND through_at = ?", end, region,
                        previous)
                } else {
                    try connection.run(
                        "INSERT INTO export_cursors (region, through_at) VALUES (?, ?) ON CONFLICT DO NOTHING", region,
                        end)
                }
            guard moved == 1 else { throw ExposureStoreError.exportRaced }
            let available = try connection.queryFirst(
                "SELECT count(*) FROM exposure_keys WHERE available_at >= ? AND available_at < ?", start, end
            ) { try $0.get(0, as: Int.self) }
            guard available == batch?.keyCount ?? 0 else { throw ExposureStoreError.exportRaced }
            guard let batch else { return }
            try connection.run(
                """
                INSERT INTO export_batches
                    (file_name, region, start_at, end_at, key_count, file_key_count, etag, zip, written_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                batch.fileName, batch.region, batch.start, batch.end, batch.keyCount, batch.fileKeyCount, batch.etag,
                batch.zip, now)
            try Self.count("batches", 1, on: now, connection)
        }
    }

    public func batchFileNames(region: String) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT file_name FROM export_batches WHERE region = ? ORDER BY start_at", region) {
                try $0.get(0, as: String.self)
            }
        }
    }

    public func exportFile(named name: String) async throws -> ExportFile? {
        try await database.read { connection in
            try connection.queryFirst("SELECT zip, etag FROM export_batches WHERE file_name = ?", name) {
                ExportFile(contents: try $0.get(0), etag: try $0.get(1))
            }
        }
    }

    public func deleteExpired(
        keysEndingBefore: Int64, keysExportedBefore: Int64, batchesEndingBefore: Int64, tokensExpiredBy: Timestamp,
        at now: Timestamp
    ) async throws -> [String] {
        try await database.groupedWrite { connection in
            let intervalSeconds = ENIntervalNumber.secondsPerInterval
            // Only keys this region's export has covered: one accepted at the window's edge goes out once first.
            try connection.run(
                """
                DELETE FROM exposure_keys WHERE (rolling_start + rolling_period) * ? < ? AND available_at < ?
                """, intervalSeconds, keysEndingBefore, keysExportedBefore)
            try connection.run(
                "DELETE FROM uploads WHERE NOT EXISTS (SELECT 1 FROM exposure_keys k WHERE k.upload_id = uploads.id)")
            try connection.run("DELETE FROM verification_tokens WHERE expires_at <= ?", tokensExpiredBy)
            try connection.run("DELETE FROM used_certificates WHERE expires_at <= ?", now)
            return try connection.query(
                "DELETE FROM export_batches WHERE end_at < ? RETURNING file_name", batchesEndingBefore
            ) { try $0.get(0, as: String.self) }
        }
    }

    public func dailyCounts() async throws -> [ExposureDailyCount] {
        try await database.read { connection in
            var days: [String: ExposureDailyCount] = [:]
            try connection.forEachRow("SELECT day, metric, count FROM daily_counts", arguments: []) { row in
                let day: String = try row.get(0)
                var counts = days[day] ?? ExposureDailyCount(day: day)
                switch try row.get(1, as: String.self) {
                case "publishes": counts.publishes = try row.get(2)
                case "keys": counts.keysPublished = try row.get(2)
                default: counts.batchesWritten = try row.get(2)
                }
                days[day] = counts
                return true
            }
            return days.keys.sorted().compactMap { days[$0] }
        }
    }

    /// Adds `amount` to the day's count of `metric`.
    static func count(_ metric: String, _ amount: Int, on now: Timestamp, _ connection: SQLiteConnection) throws {
        try connection.run(
            """
            INSERT INTO daily_counts (day, metric, count) VALUES (?, ?, ?)
            ON CONFLICT (day, metric) DO UPDATE SET count = count + excluded.count
            """,
            now.date.iso8601, metric, amount)
    }
}
