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
}
