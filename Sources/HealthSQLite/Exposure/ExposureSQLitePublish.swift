import ContactTracing
import HealthServices

/// The body of ``ExposureSQLiteStore/publish(_:)`` inside its transaction.
struct ExposureSQLitePublish {
    let connection: SQLiteConnection
    let publication: KeyPublication

    func run() throws -> PublicationOutcome {
        let claimed = try connection.run(
            "INSERT INTO used_certificates (certificate_hash, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            publication.certificateHash, publication.certificateExpiresAt)
        guard claimed == 1 else { return try resend() }
        let uploadID = try upload()
        // Writes are serialised, so an export that moves the cursor commits wholly before or after this read.
        let exportedThrough =
            try connection.queryFirst("SELECT max(through_at) FROM export_cursors") { try $0.get(0, as: Int64?.self) }
            ?? nil
        let outcome = PublicationOutcome(
            try publication.keys.map { try store($0, uploadID: uploadID, exportedThrough: exportedThrough ?? 0) })
        try ExposureSQLiteStore.count("publishes", 1, on: publication.publishedAt, connection)
        try ExposureSQLiteStore.count("keys", outcome.newKeyCount, on: publication.publishedAt, connection)
        try connection.run(
            """
            UPDATE used_certificates SET upload_id = ?, inserted_count = ? WHERE certificate_hash = ?
            """, uploadID, outcome.insertedCount, publication.certificateHash)
        return outcome
    }

    /// A publish with a certificate used already: the phone's resend of it (the certificate's HMAC covers the same
    /// keys and secret, so its revision token is the same), answered as it was while its upload still answers to
    /// that token, nothing published to it since; else the certificate is used.
    private func resend() throws -> PublicationOutcome {
        guard
            let count = try connection.queryFirst(
                """
                SELECT c.inserted_count FROM used_certificates c JOIN uploads u ON u.id = c.upload_id
                WHERE c.certificate_hash = ? AND u.revision_token_hash = ?
                """, publication.certificateHash, publication.newRevisionTokenHash,
                row: { try $0.get(0, as: Int.self) })
        else { throw ExposureStoreError.certificateUsed }
        return PublicationOutcome(resendOf: count)
    }

    /// The upload the revision token names, now answering to the new token; or a new upload.
    private func upload() throws -> Int64 {
        if let previous = publication.revisionTokenHash {
            guard
                let id = try connection.queryFirst(
                    "UPDATE uploads SET revision_token_hash = ? WHERE revision_token_hash = ? RETURNING id",
                    publication.newRevisionTokenHash, previous, row: { try $0.get(0, as: Int64.self) })
            else { throw ExposureStoreError.invalidRevisionToken }
            return id
        }
        try connection.run(
            "INSERT INTO uploads (revision_token_hash, published_on) VALUES (?, ?)", publication.newRevisionTokenHash,
            publication.publishedAt.date.iso8601)
        return connection.lastInsertRowID
    }

    /// Inserts a new key, or revises the upload's own key (``KeyRevision``). A key of another upload is refused. The insert goes first, so a new key (nearly every key) costs one statement; only
    /// a key already stored is looked up.
    private func store(_ key: DiagnosisKey, uploadID: Int64, exportedThrough: Int64) throws -> KeyStoring {
        let inserted = try connection.run(
            """
            INSERT INTO exposure_keys (key_data, upload_id, rolling_start, rolling_period, transmission_risk,
                report_type, days_since_onset, available_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_data) DO NOTHING
            """,
            key.key.keyData, uploadID, Int64(key.rollingStartIntervalNumber.rawValue), key.rollingPeriod,
            key.transmissionRiskLevel, key.reportType.rawValue, key.daysSinceOnsetOfSymptoms,
            publication.availableAt(key, exportedThrough: exportedThrough))
        guard inserted == 0 else { return .inserted }
        let existing = try connection.queryFirst(
            """
            SELECT upload_id, rolling_start, rolling_period, report_type, days_since_onset, transmission_risk,
                available_at, revised
            FROM exposure_keys WHERE key_data = ?
            """, key.key.keyData
        ) { row in
            (
                upload: try row.get(0, as: Int64.self),
                stored: KeyRevision.Stored(
                    rollingStart: try row.get(1), rollingPeriod: try row.get(2),
                    reportType: try ReportType(validating: try row.get(3)), daysSinceOnset: try row.get(4),
                    transmissionRisk: try row.get(5), availableAt: try row.get(6),
                    revised: try row.get(7, as: Bool.self))
            )
        }
        guard let existing, existing.upload == uploadID else { throw ExposureStoreError.keyAlreadyPublished }
        guard
            let revision = try KeyRevision.of(
                existing.stored, to: key, in: publication, exportedThrough: exportedThrough)
        else { return .unchanged }
        try connection.run(
            """
            UPDATE exposure_keys SET rolling_period = ?, report_type = ?, days_since_onset = ?, transmission_risk = ?,
                available_at = ?, revised = ?
            WHERE key_data = ?
            """, revision.rollingPeriod, revision.reportType.rawValue, revision.daysSinceOnset,
            revision.transmissionRisk, revision.availableAt, revision.revised ? 1 : 0, key.key.keyData)
        return .revised
    }
}
