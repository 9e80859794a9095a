import HealthServices

/// Imported SMART Health Cards issuers: table `imported_health_card_issuers`.
extension BorderListSQLiteTransaction {
    func importedHealthCardIssuers() throws -> [StoredHealthCardIssuer] {
        try connection.query(
            "SELECT source, iss, json, imported_at FROM imported_health_card_issuers ORDER BY source, iss"
        ) { row in
            StoredHealthCardIssuer(
                source: try row.get(0), iss: try row.get(1), json: try row.get(2), importedAt: try row.get(3))
        }
    }

    func removeHealthCardIssuers(source: String) throws -> Int {
        try connection.run("DELETE FROM imported_health_card_issuers WHERE source = ?", source)
    }

    func insert(_ issuer: StoredHealthCardIssuer) throws {
        try connection.run(
            """
            INSERT INTO imported_health_card_issuers (source, iss, json, imported_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (source, iss) DO UPDATE SET json = excluded.json, imported_at = excluded.imported_at
            """,
            issuer.source, issuer.iss, issuer.json, issuer.importedAt)
    }
}
