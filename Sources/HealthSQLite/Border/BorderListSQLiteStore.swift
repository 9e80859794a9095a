public import HealthServices

/// The border lists in `health.sqlite`: tables `imported_signers`, `imported_value_sets`, `imported_rules` and
/// `border_lists_version`.
public struct BorderListSQLiteStore: BorderListStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any BorderListTransaction) async throws -> T)
        async throws -> T
    {
        try await database.read { try await body(BorderListSQLiteTransaction(connection: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any BorderListTransaction) async throws -> T)
        async throws -> T
    {
        try await database.groupedWrite { try await body(BorderListSQLiteTransaction(connection: $0)) }
    }
}

/// ``BorderListTransaction`` over one connection inside the database actor.
struct BorderListSQLiteTransaction: BorderListTransaction {
    let connection: SQLiteConnection

    func listsVersion() throws -> Int64 {
        try connection.queryFirst("SELECT version FROM border_lists_version WHERE id = 1") { try $0.get(0) } ?? 0
    }

    func bumpListsVersion() throws {
        try connection.run("UPDATE border_lists_version SET version = version + 1 WHERE id = 1")
    }

    func importedSigners(country: String?) throws -> [ImportedSigner] {
        let columns = "source, kid, country, certificate, imported_at"
        let order = "ORDER BY country, source, kid"
        let row = { (row: SQLiteRow) in
            ImportedSigner(
                source: try row.get(0), kid: try row.get(1), country: try row.get(2), certificate: try row.get(3),
                importedAt: try row.get(4))
        }
        if let country {
            return try connection.query(
                "SELECT \(columns) FROM imported_signers WHERE country = ? \(order)", country, row: row)
        }
        return try connection.query("SELECT \(columns) FROM imported_signers \(order)", row: row)
    }

    func removeSigners(source: String) throws -> Int {
        try connection.run("DELETE FROM imported_signers WHERE source = ?", source)
    }

    func insert(_ signer: ImportedSigner) throws {
        try connection.run(
            """
            INSERT INTO imported_signers (source, kid, country, certificate, imported_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (source, certificate) DO NOTHING
            """,
            signer.source, signer.kid, signer.country, signer.certificate, signer.importedAt)
    }

    func valueSets() throws -> StoredDocument? {
        try connection.queryFirst("SELECT json, imported_at FROM imported_value_sets WHERE id = 1") { row in
            StoredDocument(json: try row.get(0), importedAt: try row.get(1))
        }
    }

    func replaceValueSets(_ document: StoredDocument) throws {
        try connection.run(
            """
            INSERT INTO imported_value_sets (id, json, imported_at) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET json = excluded.json, imported_at = excluded.imported_at
            """,
            document.json, document.importedAt)
    }

    func importedRules() throws -> [StoredEntryRule] {
        try connection.query(
            "SELECT identifier, version, country, json, imported_at FROM imported_rules ORDER BY identifier, version"
        ) { row in
            StoredEntryRule(
                identifier: try row.get(0), version: try row.get(1), country: try row.get(2), json: try row.get(3),
                importedAt: try row.get(4))
        }
    }

    func store(_ rule: StoredEntryRule) throws {
        try connection.run(
            """
            INSERT INTO imported_rules (identifier, version, country, json, imported_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (identifier, version) DO UPDATE
            SET country = excluded.country, json = excluded.json, imported_at = excluded.imported_at
            """,
            rule.identifier, rule.version, rule.country, rule.json, rule.importedAt)
    }

    func removeRules(identifier: String) throws -> Int {
        try connection.run("DELETE FROM imported_rules WHERE identifier = ?", identifier)
    }

    func append(_ event: AuditEvent, at now: Timestamp) throws {
        try AuditSQLiteWriter.append(event, at: now, on: connection)
    }
}
