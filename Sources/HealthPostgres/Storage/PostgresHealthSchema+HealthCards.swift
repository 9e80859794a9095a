import HealthServices

extension PostgresHealthSchema {
    /// SMART Health Cards (see `SQLiteHealthSchema.healthCards`).
    static let healthCards = Migration(
        version: 13,
        name: "health_cards",
        sql: """
            ALTER TABLE certificates ADD COLUMN health_card text;
            CREATE TABLE imported_health_card_issuers (
                source text NOT NULL,
                iss text NOT NULL,
                json text NOT NULL,
                imported_at timestamptz NOT NULL,
                PRIMARY KEY (source, iss)
            );
            """
    )
}
