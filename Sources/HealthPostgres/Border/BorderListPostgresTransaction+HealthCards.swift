import HealthServices
import PostgresNIO

/// Imported SMART Health Cards issuers: table `imported_health_card_issuers`.
extension BorderListPostgresTransaction {
    func importedHealthCardIssuers() async throws -> [StoredHealthCardIssuer] {
        try await session.all(
            "SELECT source, iss, json, imported_at FROM imported_health_card_issuers ORDER BY source, iss"
        ) { row in
            let (source, iss, json, importedAt) = try row.decode((String, String, String, Timestamp).self)
            return StoredHealthCardIssuer(source: source, iss: iss, json: json, importedAt: importedAt)
        }
    }

    func removeHealthCardIssuers(source: String) async throws -> Int {
        try await session.run("DELETE FROM imported_health_card_issuers WHERE source = \(source) RETURNING 1")
    }

    func insert(_ issuer: StoredHealthCardIssuer) async throws {
        try await session.run(
            """
            INSERT INTO imported_health_card_issuers (source, iss, json, imported_at)
            VALUES (\(issuer.source), \(issuer.iss), \(issuer.json), \(issuer.importedAt))
            ON CONFLICT (source, iss) DO UPDATE SET json = excluded.json, imported_at = excluded.imported_at
            """)
    }
}
