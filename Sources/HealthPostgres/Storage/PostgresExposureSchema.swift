import HealthServices

/// The migrations of the key server's PostgreSQL database, in order, recorded in their own table so the key
/// server may share a database with the health tables or have one of its own. Append only.
///
/// As on SQLite, nothing here names a person: tokens and certificates are stored as SHA-256 hashes, keys only
/// with the anonymous upload they came in, days only as counts, a token's retry tag only for the 15 minutes a retry
/// may come. Times of the GAEN protocol stay unix seconds.
enum PostgresExposureSchema {
    static let migrations: [Migration] = [keyServer, tokenRetryTags, hourlyTimes, publishRetries]

    /// Verification tokens, used certificates, uploads with their keys, export batches and daily counts.
    static let keyServer = Migration(
        version: 1,
        name: "key_server",
        sql: """
            CREATE TABLE verification_tokens (
                token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
                test_type text NOT NULL CHECK (test_type IN ('confirmed', 'likely')),
                symptom_onset_interval bigint NOT NULL,
                expires_at timestamptz NOT NULL,
                used_at timestamptz
            );
            CREATE TABLE used_certificates (
                certificate_hash bytea PRIMARY KEY CHECK (length(certificate_hash) = 32),
                expires_at timestamptz NOT NULL
            );
            CREATE TABLE uploads (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                revision_token_hash bytea NOT NULL UNIQUE CHECK (length(revision_token_hash) = 32),
                published_on date NOT NULL
            );
            CREATE TABLE exposure_keys (
                key_data bytea PRIMARY KEY CHECK (length(key_data) = 16),
                upload_id bigint NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
                rolling_start bigint NOT NULL,
                rolling_period integer NOT NULL CHECK (rolling_period BETWEEN 1 AND 144),
                transmission_risk integer NOT NULL,
                report_type integer NOT NULL,
                days_since_onset integer,
                available_at bigint NOT NULL,
                revised boolean NOT NULL DEFAULT false
            );
            CREATE INDEX exposure_keys_available ON exposure_keys(available_at);
            CREATE INDEX exposure_keys_upload ON exposure_keys(upload_id);
            CREATE TABLE export_batches (
                file_name text PRIMARY KEY,
                region text NOT NULL,
                start_at bigint NOT NULL,
                end_at bigint NOT NULL,
                key_count integer NOT NULL,
                file_key_count integer NOT NULL,
                etag text NOT NULL,
                zip bytea NOT NULL,
                written_at timestamptz NOT NULL,
                UNIQUE (region, start_at)
            );
            CREATE TABLE export_cursors (
                region text PRIMARY KEY,
                through_at bigint NOT NULL
            );
            CREATE TABLE daily_counts (
                day date NOT NULL,
                metric text NOT NULL CHECK (metric IN ('publishes', 'keys', 'batches')),
                count bigint NOT NULL,
                PRIMARY KEY (day, metric)
            );
            """
    )

    /// The retry tag of the code use a token was made for (see `VerificationCodeUse`), so that a retry can replace
    /// that token: one token per tag; forgotten by the retention job once the retry window has passed.
    static let tokenRetryTags = Migration(
        version: 2,
        name: "token_retry_tags",
        sql: """
            ALTER TABLE verification_tokens ADD COLUMN retry_tag bytea CHECK (length(retry_tag) = 16);
            CREATE UNIQUE INDEX verification_tokens_retry ON verification_tokens(retry_tag) WHERE retry_tag IS NOT NULL;
            """
    )

    /// Stores no exact time of a person's upload, as `SQLiteExposureSchema.hourlyTimes` does on SQLite: tokens' expiry
    /// and use rounded down to the hour, used certificates' expiry up to it, the exact end of a retry window only
    /// beside its tag; keys' availability down to an hour when an export has covered it, up when not.
    static let hourlyTimes = Migration(
        version: 3,
        name: "hourly_times",
        sql: """
            ALTER TABLE verification_tokens ADD COLUMN retry_until timestamptz;
            UPDATE verification_tokens SET
                retry_until = CASE WHEN retry_tag IS NOT NULL
                    THEN expires_at - interval '23 hours 45 minutes' END,
                expires_at = date_trunc('hour', expires_at, 'UTC'),
                used_at = date_trunc('hour', used_at, 'UTC');
            ALTER TABLE verification_tokens ADD CHECK ((retry_tag IS NULL) = (retry_until IS NULL));
            UPDATE used_certificates SET expires_at = date_trunc('hour', expires_at + interval '3599 seconds', 'UTC');
            UPDATE exposure_keys SET available_at =
                CASE WHEN available_at < coalesce((SELECT max(through_at) FROM export_cursors), 0)
                    THEN available_at - available_at % 3600
                    ELSE available_at + (3600 - available_at % 3600) % 3600 END;
            """
    )

    /// As `SQLiteExposureSchema.publishRetries`: what a publish answered, beside the certificate it used, so that a
    /// resend of it is answered again.
    static let publishRetries = Migration(
        version: 4,
        name: "publish_retries",
        sql: """
            ALTER TABLE used_certificates ADD COLUMN upload_id bigint;
            ALTER TABLE used_certificates ADD COLUMN inserted_count integer;
            """
    )
}
