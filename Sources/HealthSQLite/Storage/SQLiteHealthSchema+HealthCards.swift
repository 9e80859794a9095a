import HealthServices

extension SQLiteHealthSchema {
    /// SMART Health Cards: the card issued beside each certificate (its compact JWS; none for certificates issued
    /// before cards were), and the card issuers imported from abroad, each kept whole as JSON by source.
    static let healthCards = Migration(
        version: 15,
        name: "health_cards",
        sql: """
            ALTER TABLE certificates ADD COLUMN health_card TEXT;
            CREATE TABLE imported_health_card_issuers (
                source TEXT NOT NULL,
                iss TEXT NOT NULL,
                json TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                PRIMARY KEY (source, iss)
            ) STRICT, WITHOUT ROWID;
            """
    )
}
