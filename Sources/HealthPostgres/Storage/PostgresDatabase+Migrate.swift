import Foundation
import HealthServices
import PostgresNIO

extension PostgresDatabase {
    /// A lock key (`pg_advisory_xact_lock`) that servers starting together take, so one migrates at a time.
    static let migrationLock: Int64 = 0x4845_414C_5448_4D47

    /// Applies the migrations this database has not seen yet, in one transaction, and records them in `table`
    /// (one per set of migrations, so two sets can share a database). Refuses a database that records a migration
    /// this build doesn't know, knows under another name, or records without one before it. Servers starting at once
    /// on one database queue on a lock, so each migration runs once.
    func migrate(_ migrations: [Migration], recordedIn table: String) async throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw StoreError("migration \(migration.name) is numbered \(migration.version), expected \(offset + 1)")
        }
        try await write { session in
            try await session.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try await session.execute(
                """
                CREATE TABLE IF NOT EXISTS \(table) (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = try await session.all("SELECT version, name FROM \(unescaped: table) ORDER BY version") {
                try $0.decode((Int, String).self)
            }
            if let (version, name) = applied.last, version > migrations.count {
                throw StoreError("database has migration \(version) (\(name)), newer than this build")
            }
            if let gap = Migration.gap(in: applied.map(\.0)) { throw StoreError(gap) }
            for (version, name) in applied where migrations[version - 1].name != name {
                throw StoreError(
                    "database migration \(version) is \(name), this build calls it \(migrations[version - 1].name)")
            }
            for migration in migrations.dropFirst(applied.count) {
                for statement in Self.statements(of: migration.sql) {
                    try await session.execute(statement)
                }
                try await session.run(
                    "INSERT INTO \(unescaped: table) (version, name) VALUES (\(migration.version), \(migration.name))")
            }
        }
    }

    /// The statements of a migration's text: split at each `;` that ends a line outside a `$$` body (a statement
    /// sent with parameters must be one statement).
    static func statements(of sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var isInBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { isInBody.toggle() }
            if !isInBody, line.hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
