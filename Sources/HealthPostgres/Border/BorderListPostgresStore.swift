public import HealthServices
import PostgresNIO

/// The border lists in the PostgreSQL health database: tables `imported_signers`, `imported_value_sets`,
/// `imported_rules` and `border_lists_version`.
public struct BorderListPostgresStore: BorderListStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any BorderListTransaction) async throws -> T)
        async throws -> T
    {
        try await database.read { try await body(BorderListPostgresTransaction(session: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any BorderListTransaction) async throws -> T)
        async throws -> T
    {
        try await database.write { try await body(BorderListPostgresTransaction(session: $0)) }
    }
}

/// ``BorderListTransaction`` over one PostgreSQL transaction.
struct BorderListPostgresTransaction: BorderListTransaction {
    let session: PostgresSession

    func listsVersion() async throws -> Int64 {
        try await session.first("SELECT version FROM border_lists_version WHERE id = 1") {
            try $0.decode(Int64.self)
        } ?? 0
    }

    func bumpListsVersion() async throws {
        try await session.run("UPDATE border_lists_version SET version = version + 1 WHERE id = 1")
    }

    func importedSigners(country: String?) async throws -> [ImportedSigner] {
        let row = { (row: PostgresRow) in
            let (source, kid, country, certificate, importedAt) = try row.decode(
                (String, String, String, Bytea, Timestamp).self)
            return ImportedSigner(
                source: source, kid: kid, country: country, certificate: certificate.bytes, importedAt: importedAt)
        }
        guard let country else {
            return try await session.all(
                "SELECT source, kid, country, certificate, imported_at FROM imported_signers ORDER BY country, source, kid",
                row)
        }
        return try await session.all(
            """
            SELECT source, kid, country, certificate, imported_at FROM imported_signers WHERE country = \(country)
            ORDER BY source, kid
            """, row)
    }

    func removeSigners(source: String) async throws -> Int {
        try await session.run("DELETE FROM imported_signers WHERE source = \(source) RETURNING 1")
    }

    func insert(_ signer: ImportedSigner) async throws {
        try await session.run(
            """
            INSERT INTO imported_signers (source, kid, country, certificate, imported_at)
            VALUES (\(signer.source), \(signer.kid), \(signer.country), \(Bytea(signer.certificate)), \(signer.importedAt))
            ON CONFLICT (source, certificate) DO NOTHING
            """)
    }

    func valueSets() async throws -> StoredDocument? {
        try await session.first("SELECT json, imported_at FROM imported_value_sets WHERE id = 1") { row in
            let (json, importedAt) = try row.decode((String, Timestamp).self)
            return StoredDocument(json: json, importedAt: importedAt)
        }
    }

    func replaceValueSets(_ document: StoredDocument) async throws {
        try await session.run(
            """
            INSERT INTO imported_value_sets (id, json, imported_at) VALUES (1, \(document.json), \(document.importedAt))
            ON CONFLICT (id) DO UPDATE SET json = excluded.json, imported_at = excluded.imported_at
            """)
    }

    func importedRules() async throws -> [StoredEntryRule] {
        try await session.all(
            "SELECT identifier, version, country, json, imported_at FROM imported_rules ORDER BY identifier, version"
        ) { row in
            let (identifier, version, country, json, importedAt) = try row.decode(
                (String, String, String, String, Timestamp).self)
            return StoredEntryRule(
                identifier: identifier, version: version, country: country, json: json, importedAt: importedAt)
        }
    }

    func store(_ rule: StoredEntryRule) async throws {
        try await session.run(
            """
            INSERT INTO imported_rules (identifier, version, country, json, imported_at)
            VALUES (\(rule.identifier), \(rule.version), \(rule.country), \(rule.json), \(rule.importedAt))
            ON CONFLICT (identifier, version) DO UPDATE
            SET country = excluded.country, json = excluded.json, imported_at = excluded.imported_at
            """)
    }

    func removeRules(identifier: String) async throws -> Int {
        try await session.run("DELETE FROM imported_rules WHERE identifier = \(identifier) RETURNING 1")
    }

    func append(_ event: AuditEvent, at now: Timestamp) async throws {
        try await AuditPostgresWriter.append(event, at: now, on: session)
    }
}
