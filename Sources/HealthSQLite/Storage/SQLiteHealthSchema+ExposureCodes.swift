import HealthServices

extension SQLiteHealthSchema {
    /// Exposure verification codes an operator issues for a case confirmed elsewhere: no result, but the test
    /// type and dates the code vouches for. SQLite cannot drop a NOT NULL, so the table is rebuilt.
    static let operatorExposureCodes = Migration(
        version: 9,
        name: "operator_exposure_codes",
        sql: """
            CREATE TABLE exposure_verification_codes_new (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL,
                result_id TEXT REFERENCES lab_results(id),
                test_type TEXT CHECK (test_type IN ('confirmed', 'likely')),
                test_date TEXT,
                symptom_date TEXT,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                consumed_at TEXT,
                cancelled_at TEXT,
                CHECK ((result_id IS NULL) = (test_type IS NOT NULL AND test_date IS NOT NULL))
            ) STRICT;
            INSERT INTO exposure_verification_codes_new
                (id, code, result_id, created_at, expires_at, consumed_at, cancelled_at)
            SELECT id, code, result_id, created_at, expires_at, consumed_at, cancelled_at
            FROM exposure_verification_codes;
            DROP TABLE exposure_verification_codes;
            ALTER TABLE exposure_verification_codes_new RENAME TO exposure_verification_codes;
            CREATE UNIQUE INDEX exposure_verification_codes_open ON exposure_verification_codes(code)
                WHERE consumed_at IS NULL AND cancelled_at IS NULL;
            CREATE INDEX exposure_verification_codes_result ON exposure_verification_codes(result_id);
            """
    )

    /// The retry tag of a code's use (see `VerificationCodeUse`): set when the code is used, forgotten by the
    /// retention job once the retry window has passed. Only codes holding one are indexed by code, for the retry.
    static let exposureCodeRetryTags = Migration(
        version: 10,
        name: "exposure_code_retry_tags",
        sql: """
            ALTER TABLE exposure_verification_codes ADD COLUMN retry_tag BLOB CHECK (length(retry_tag) = 16);
            CREATE INDEX exposure_verification_codes_retry ON exposure_verification_codes(code)
                WHERE retry_tag IS NOT NULL;
            """
    )

    /// Codes kept as their keyed hash (`code_hash`) and, while shown to their owner, sealed (`code_sealed`); the
    /// use stored to the hour, the exact end of its retry window only beside the retry tag (`retry_until`, erased
    /// with it; see `VerificationCodeUse`). `code` keeps the codes of earlier rows in clear only until
    /// `ExposureVerificationService.sealCodesLeftInClear()`, which needs the key this SQL cannot have, replaces
    /// them; new rows never have it. SQLite cannot drop a NOT NULL, so the table is rebuilt.
    static let hashedExposureCodes = Migration(
        version: 11,
        name: "hashed_exposure_codes",
        sql: """
            CREATE TABLE exposure_verification_codes_new (
                id INTEGER PRIMARY KEY,
                code TEXT,
                code_hash BLOB CHECK (length(code_hash) = 32),
                code_sealed BLOB,
                result_id TEXT REFERENCES lab_results(id),
                test_type TEXT CHECK (test_type IN ('confirmed', 'likely')),
                test_date TEXT,
                symptom_date TEXT,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                consumed_at TEXT,
                cancelled_at TEXT,
                retry_tag BLOB CHECK (length(retry_tag) = 16),
                retry_until TEXT,
                CHECK ((result_id IS NULL) = (test_type IS NOT NULL AND test_date IS NOT NULL)),
                CHECK ((code IS NULL) != (code_hash IS NULL)),
                CHECK ((retry_tag IS NULL) = (retry_until IS NULL))
            ) STRICT;
            INSERT INTO exposure_verification_codes_new
                (id, code, result_id, test_type, test_date, symptom_date, created_at, expires_at, consumed_at,
                 cancelled_at, retry_tag, retry_until)
            SELECT id, code, result_id, test_type, test_date, symptom_date, created_at, expires_at,
                substr(consumed_at, 1, 14) || '00:00Z', cancelled_at, retry_tag,
                CASE WHEN retry_tag IS NOT NULL
                    THEN strftime('%Y-%m-%dT%H:%M:%SZ', consumed_at, '+15 minutes') END
            FROM exposure_verification_codes;
            DROP TABLE exposure_verification_codes;
            ALTER TABLE exposure_verification_codes_new RENAME TO exposure_verification_codes;
            CREATE UNIQUE INDEX exposure_verification_codes_open ON exposure_verification_codes(code_hash)
                WHERE consumed_at IS NULL AND cancelled_at IS NULL;
            CREATE INDEX exposure_verification_codes_result ON exposure_verification_codes(result_id);
            CREATE INDEX exposure_verification_codes_retry ON exposure_verification_codes(code_hash)
                WHERE retry_tag IS NOT NULL;
            CREATE INDEX exposure_verification_codes_clear ON exposure_verification_codes(id) WHERE code IS NOT NULL;
            """
    )

    /// A code's use retried by the phone: the first use may no longer reopen the code should its token fail to be
    /// stored, since the retry's token already works.
    static let verificationCodeRetries = Migration(
        version: 22,
        name: "verification-code-retries",
        sql: "ALTER TABLE exposure_verification_codes ADD COLUMN retried INTEGER NOT NULL DEFAULT 0;"
    )
}
