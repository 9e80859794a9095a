import ContactTracing
import HealthServices
import PostgresNIO

/// The body of ``ExposurePostgresStore/publish(_:)`` inside its transaction.
///
/// The certificate is claimed by an insert that must add its row; the upload a revision token names is found by
/// an `UPDATE … RETURNING`, which locks it until commit, so two revisions of one upload queue and the second
/// finds the token already replaced; a key is read `FOR UPDATE`, and a new key's primary key refuses a second
/// upload of it (the write then runs again and finds the first).
struct ExposurePostgresPublish {
    let session: PostgresSession
    let publication: KeyPublication

    func run() async throws -> PublicationOutcome {
        let claimed = try await session.run(
            """
            INSERT INTO used_certificates (certificate_hash, expires_at)
            VALUES (\(Bytea(publication.certificateHash)), \(publication.certificateExpiresAt))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        guard claimed == 1 else { return try await resend() }
        let uploadID = try await upload()
        // Shared locks on the cursors: an export moving one waits for this publish to commit, and this read waits
        // for an export that moved one, so no key lands in a window already written.
        let cursors = try await session.all("SELECT through_at FROM export_cursors FOR SHARE") {
            try $0.decode(Int64.self)
        }
        let exportedThrough = cursors.max() ?? 0
        var storings: [KeyStoring] = []
        for key in publication.keys {
            storings.append(try await store(key, uploadID: uploadID, exportedThrough: exportedThrough))
        }
        let outcome = PublicationOutcome(storings)
        try await ExposurePostgresStore.count("publishes", 1, on: publication.publishedAt, session)
        try await ExposurePostgresStore.count("keys", outcome.newKeyCount, on: publication.publishedAt, session)
        try await session.run(
            """
            UPDATE used_certificates SET upload_id = \(uploadID), inserted_count = \(outcome.insertedCount)
            WHERE certificate_hash = \(Bytea(publication.certificateHash))
            """)
        return outcome
    }

    /// A publish with a certificate used already: the phone's resend of it (the certificate's HMAC covers the same
    /// keys and secret, so its revision token is the same), answered as it was while its upload still answers to
    /// that token, nothing published to it since; else the certificate is used. The upload's row is read `FOR
    /// SHARE`, so a revision publishing to it meanwhile is waited for.
    private func resend() async throws -> PublicationOutcome {
        guard
            let count = try await session.first(
                """
                SELECT c.inserted_count FROM used_certificates c JOIN uploads u ON u.id = c.upload_id
                WHERE c.certificate_hash = \(Bytea(publication.certificateHash))
                    AND u.revision_token_hash = \(Bytea(publication.newRevisionTokenHash))
                FOR SHARE OF u
                """, { try $0.decode(Int.self) })
        else { throw ExposureStoreError.certificateUsed }
        return PublicationOutcome(resendOf: count)
    }

    /// The upload the revision token names, now answering to the new token; or a new upload.
    private func upload() async throws -> Int64 {
        let newToken = Bytea(publication.newRevisionTokenHash)
        if let previous = publication.revisionTokenHash {
            guard
                let id = try await session.first(
                    """
                    UPDATE uploads SET revision_token_hash = \(newToken) WHERE revision_token_hash = \(Bytea(previous))
                    RETURNING id
                    """, { try $0.decode(Int64.self) })
            else { throw ExposureStoreError.invalidRevisionToken }
            return id
        }
        guard
            let id = try await session.first(
                """
                INSERT INTO uploads (revision_token_hash, published_on) VALUES (\(newToken), \(publication.publishedAt.date))
                RETURNING id
                """, { try $0.decode(Int64.self) })
        else { throw StoreError("an insert into uploads returned no id") }
        return id
    }

    /// Inserts a new key, or revises the upload's own key (``KeyRevision``). A key of another upload is refused.
    private func store(_ key: DiagnosisKey, uploadID: Int64, exportedThrough: Int64) async throws -> KeyStoring {
        let keyData = Bytea(key.key.keyData)
        let existing = try await session.first(
            """
            SELECT upload_id, rolling_start, rolling_period, report_type, days_since_onset, transmission_risk,
                available_at, revised
            FROM exposure_keys WHERE key_data = \(keyData) FOR UPDATE
            """
        ) { row in
            let (upload, start, period, reportType, daysSinceOnset, risk, availableAt, revised) = try row.decode(
                (Int64, Int64, Int, Int, Int?, Int, Int64, Bool).self)
            return (
                upload: upload,
                stored: KeyRevision.Stored(
                    rollingStart: start, rollingPeriod: period, reportType: try ReportType(validating: reportType),
                    daysSinceOnset: daysSinceOnset, transmissionRisk: risk, availableAt: availableAt, revised: revised)
            )
        }
        guard let existing else {
            try await session.run(
                """
                INSERT INTO exposure_keys (key_data, upload_id, rolling_start, rolling_period, transmission_risk,
                    report_type, days_since_onset, available_at)
                VALUES (\(keyData), \(uploadID), \(Int64(key.rollingStartIntervalNumber.rawValue)), \(key.rollingPeriod),
                    \(key.transmissionRiskLevel), \(key.reportType.rawValue), \(key.daysSinceOnsetOfSymptoms),
                    \(publication.availableAt(key, exportedThrough: exportedThrough)))
                """)
            return .inserted
        }
        guard existing.upload == uploadID else { throw ExposureStoreError.keyAlreadyPublished }
        guard
            let revision = try KeyRevision.of(
                existing.stored, to: key, in: publication, exportedThrough: exportedThrough)
        else { return .unchanged }
        try await session.run(
            """
            UPDATE exposure_keys SET rolling_period = \(revision.rollingPeriod),
                report_type = \(revision.reportType.rawValue), days_since_onset = \(revision.daysSinceOnset),
                transmission_risk = \(revision.transmissionRisk),
                available_at = \(revision.availableAt), revised = \(revision.revised)
            WHERE key_data = \(keyData)
            """)
        return .revised
    }
}
