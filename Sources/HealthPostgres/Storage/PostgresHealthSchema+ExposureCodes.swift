import HealthServices

extension PostgresHealthSchema {
    /// The retry tag of a code's use (see `VerificationCodeUse`): set when the code is used, forgotten by the
    /// retention job once the retry window has passed. Only codes holding one are indexed by code, for the retry.
    static let exposureCodeRetryTags = Migration(
        version: 8,
        name: "exposure_code_retry_tags",
        sql: """
            ALTER TABLE exposure_verification_codes ADD COLUMN retry_tag bytea CHECK (length(retry_tag) = 16);
            CREATE INDEX exposure_verification_codes_retry ON exposure_verification_codes(code)
                WHERE retry_tag IS NOT NULL;
            """
    )

    /// Codes kept as their keyed hash and, while shown to their owner, sealed; the use stored to the hour, the exact
    /// end of its retry window only beside the retry tag (see `SQLiteHealthSchema.hashedExposureCodes` on SQLite). `code`
    /// keeps earlier rows' codes in clear only until `ExposureVerificationService.sealCodesLeftInClear()` replaces
    /// them (it needs the key this SQL cannot have); new rows never have it.
    static let hashedExposureCodes = Migration(
        version: 9,
        name: "hashed_exposure_codes",
        sql: """
            ALTER TABLE exposure_verification_codes
                ALTER COLUMN code DROP NOT NULL,
                ADD COLUMN code_hash bytea CHECK (length(code_hash) = 32),
                ADD COLUMN code_sealed bytea,
                ADD COLUMN retry_until timestamptz;
            UPDATE exposure_verification_codes SET
                retry_until = CASE WHEN retry_tag IS NOT NULL THEN consumed_at + interval '15 minutes' END,
                consumed_at = date_trunc('hour', consumed_at, 'UTC');
            ALTER TABLE exposure_verification_codes
                ADD CHECK ((code IS NULL) <> (code_hash IS NULL)),
                ADD CHECK ((retry_tag IS NULL) = (retry_until IS NULL));
            DROP INDEX exposure_verification_codes_open;
            CREATE UNIQUE INDEX exposure_verification_codes_open ON exposure_verification_codes(code_hash)
                WHERE consumed_at IS NULL AND cancelled_at IS NULL;
            DROP INDEX exposure_verification_codes_retry;
            CREATE INDEX exposure_verification_codes_retry ON exposure_verification_codes(code_hash)
                WHERE retry_tag IS NOT NULL;
            CREATE INDEX exposure_verification_codes_clear ON exposure_verification_codes(id) WHERE code IS NOT NULL;
            """
    )

    /// As SQLite's migration 22: a code's use retried by the phone is no longer reopened by its first use.
    static let verificationCodeRetries = Migration(
        version: 25,
        name: "verification-code-retries",
        sql: "ALTER TABLE exposure_verification_codes ADD COLUMN retried boolean NOT NULL DEFAULT false;"
    )
}
