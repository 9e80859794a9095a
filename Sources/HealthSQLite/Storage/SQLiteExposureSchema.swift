import HealthServices

/// The migrations of `exposure.sqlite`, in order. Append only: never edit or reorder a released one.
///
/// Nothing here names a person: tokens and certificates are stored as SHA-256 hashes, keys only with the
/// anonymous upload they came in, days only as counts; a token's random retry tag, which the health database also
/// holds with the code, is kept only for the 15 minutes a retry may come. Times are hours or export windows.
enum SQLiteExposureSchema {
    static let migrations: [Migration] = [keyServer, tokenRetryTags, hourlyTimes, publishRetries]

    /// Verification tokens, used certificates, uploads with their keys, export batches and daily counts.
    static let keyServer = Migration(
        version: 1,
        name: "key_server",
        sql: """
            CREATE TABLE verification_tokens (
                token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
                test_type TEXT NOT NULL CHECK (test_type IN ('confirmed', 'likely')),
                symptom_onset_interval INTEGER NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE used_certificates (
                certificate_hash BLOB PRIMARY KEY CHECK (length(certificate_hash) = 32),
                expires_at TEXT NOT NULL
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE uploads (
                id INTEGER PRIMARY KEY,
                revision_token_hash BLOB NOT NULL UNIQUE CHECK (length(revision_token_hash) = 32),
                published_on TEXT NOT NULL
            ) STRICT;
            CREATE TABLE exposure_keys (
                key_data BLOB PRIMARY KEY CHECK (length(key_data) = 16),
                upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
                rolling_start INTEGER NOT NULL,
                rolling_period INTEGER NOT NULL CHECK (rolling_period BETWEEN 1 AND 144),
                transmission_risk INTEGER NOT NULL,
                report_type INTEGER NOT NULL,
                days_since_onset INTEGER,
                available_at INTEGER NOT NULL,
                revised INTEGER NOT NULL DEFAULT 0 CHECK (revised IN (0, 1))
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX exposure_keys_available ON exposure_keys(available_at);
            CREATE INDEX exposure_keys_upload ON exposure_keys(upload_id);
            CREATE TABLE export_batches (
                file_name TEXT PRIMARY KEY,
                region TEXT NOT NULL,
                start_at INTEGER NOT NULL,
                end_at INTEGER NOT NULL,
                key_count INTEGER NOT NULL,
                file_key_count INTEGER NOT NULL,
                etag TEXT NOT NULL,
                zip BLOB NOT NULL,
                written_at TEXT NOT NULL,
                UNIQUE (region, start_at)
            ) STRICT;
            CREATE TABLE export_cursors (
                region TEXT PRIMARY KEY,
                through_at INTEGER NOT NULL
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE daily_counts (
                day TEXT NOT NULL,
                metric TEXT NOT NULL CHECK (metric IN ('publishes', 'keys', 'batches')),
                count INTEGER NOT NULL,
                PRIMARY KEY (day, metric)
            ) STRICT, WITHOUT ROWID;
            """
    )

    /// The retry tag of the code use a token was made for (see `VerificationCodeUse`), so that a retry can replace
    /// that token: one token per tag; forgotten by the retention job once the retry window has passed.
    static let tokenRetryTags = Migration(
        version: 2,
        name: "token_retry_tags",
        sql: """
            ALTER TABLE verification_tokens ADD COLUMN retry_tag BLOB CHECK (length(retry_tag) = 16);
            CREATE UNIQUE INDEX verification_tokens_retry ON verification_tokens(retry_tag) WHERE retry_tag IS NOT NULL;
            """
    )

    /// Stores no exact time of a person's upload (see `VerificationCodeUse`): tokens' expiry and use rounded down
    /// to the hour, used certificates' expiry up to it; the exact end of a token's retry window only beside its
    /// retry tag (`retry_until`, erased with it; the table is rebuilt, as SQLite checks an added column's CHECK
    /// against the rows already there). Keys' availability moves to an hour: down for keys an export has
    /// covered (they stay covered), up for the others (they stay to come). The export window is the server's
    /// setting, which this SQL cannot know; new keys take the start of theirs.
    static let hourlyTimes = Migration(
        version: 3,
        name: "hourly_times",
        sql: """
            CREATE TABLE verification_tokens_new (
                token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
                test_type TEXT NOT NULL CHECK (test_type IN ('confirmed', 'likely')),
                symptom_onset_interval INTEGER NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT,
                retry_tag BLOB CHECK (length(retry_tag) = 16),
                retry_until TEXT,
                CHECK ((retry_tag IS NULL) = (retry_until IS NULL))
            ) STRICT, WITHOUT ROWID;
            INSERT INTO verification_tokens_new
            SELECT token_hash, test_type, symptom_onset_interval, substr(expires_at, 1, 14) || '00:00Z',
                substr(used_at, 1, 14) || '00:00Z', retry_tag,
                CASE WHEN retry_tag IS NOT NULL
                    THEN strftime('%Y-%m-%dT%H:%M:%SZ', expires_at, '-23 hours', '-45 minutes') END
            FROM verification_tokens;
            DROP TABLE verification_tokens;
            ALTER TABLE verification_tokens_new RENAME TO verification_tokens;
            CREATE UNIQUE INDEX verification_tokens_retry ON verification_tokens(retry_tag) WHERE retry_tag IS NOT NULL;
            UPDATE used_certificates SET
                expires_at = strftime('%Y-%m-%dT%H:00:00Z', expires_at, '+3599 seconds');
            UPDATE exposure_keys SET available_at =
                CASE WHEN available_at < coalesce((SELECT max(through_at) FROM export_cursors), 0)
                    THEN available_at - available_at % 3600
                    ELSE available_at + (3600 - available_at % 3600) % 3600 END;
            """
    )

    /// What a publish answered, beside the certificate it used, so that the phone's resend of a publish whose answer
    /// it never got is answered again (its keys are stored) rather than refused as a used certificate: the upload and
    /// its count (the revision token it answered with is derived again from the resend). Kept no longer than the used
    /// certificate.
    static let publishRetries = Migration(
        version: 4,
        name: "publish_retries",
        sql: """
            ALTER TABLE used_certificates ADD COLUMN upload_id INTEGER;
            ALTER TABLE used_certificates ADD COLUMN inserted_count INTEGER;
            """
    )
}
