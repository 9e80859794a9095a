import HealthPostgres
import HealthSQLite
import HealthServices

/// The storage under a ``ServiceHarness``, and the few raw statements tests use to look beneath the services:
/// standard SQL both backends read alike, with `$1`, `$2`, … bound to text arguments.
enum HarnessStorage {
    case sqlite(HealthStorage)
    case postgres(PostgresTestDatabase)

    var stores: HealthStores {
        switch self {
        case .sqlite(let storage): HealthStores(sqlite: storage)
        case .postgres(let database): HealthStores(postgres: database.storage)
        }
    }

    /// The PostgreSQL database, for tests of PostgreSQL's own mechanics; an error on SQLite.
    var postgres: PostgresTestDatabase {
        get throws {
            guard case .postgres(let database) = self else { throw HarnessError("the harness is not on PostgreSQL") }
            return database
        }
    }

    /// The SQLite databases, for tests of SQLite's own mechanics; nil on PostgreSQL.
    var sqlite: HealthStorage? {
        if case .sqlite(let storage) = self { storage } else { nil }
    }

    /// SQL for the lower-case hex of the bytes in `column`, which the two backends spell differently.
    func hex(_ column: String) -> String {
        switch self {
        case .sqlite: "lower(hex(\(column)))"
        case .postgres: "encode(\(column), 'hex')"
        }
    }

    /// Which of the deployment's databases a statement reads (one database on PostgreSQL in tests).
    enum Database {
        case health
        case exposure
    }

    /// The first column of each row of `sql`, as text (`CAST` in the SQL where it is not).
    func texts(in database: Database = .health, _ sql: String, _ arguments: String...) async throws -> [String?] {
        try await texts(in: database, sql, arguments: arguments)
    }

    /// The integer `sql` gives (`SELECT count(*) …`).
    func count(in database: Database = .health, _ sql: String, _ arguments: String...) async throws -> Int {
        try await texts(in: database, "SELECT CAST((\(sql)) AS text)", arguments: arguments).first.flatMap {
            $0.flatMap(Int.init)
        }
            ?? 0
    }

    /// Runs one statement that changes the database (the health database unless told).
    func execute(in database: Database = .health, _ sql: String, _ arguments: String...) async throws {
        switch self {
        case .sqlite(let storage):
            try await (database == .health ? storage.health : storage.exposure).groupedWrite {
                _ = try $0.query(sql, arguments: arguments) { _ in () }
            }
        case .postgres(let test):
            _ = try await test.texts(sql, arguments)
        }
    }

    /// Removes the triggers that keep the audit log append-only, as someone with the database owner's rights could.
    func dropAuditLogGuard() async throws {
        switch self {
        case .sqlite:
            try await execute("DROP TRIGGER audit_log_no_update")
            try await execute("DROP TRIGGER audit_log_no_delete")
        case .postgres:
            try await execute("DROP TRIGGER audit_log_append_only ON audit_log")
        }
    }

    /// Makes the key server's database refuse new verification tokens, as one that has gone away would.
    func refuseVerificationTokens() async throws {
        switch self {
        case .sqlite(let storage):
            try await storage.exposure.groupedWrite {
                try $0.execute(
                    "CREATE TRIGGER refuse_tokens BEFORE INSERT ON verification_tokens BEGIN SELECT RAISE(ABORT, 'down'); END"
                )
            }
        case .postgres:
            try await execute(
                "CREATE FUNCTION refuse_tokens() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'down'; END $$")
            try await execute(
                "CREATE TRIGGER refuse_tokens BEFORE INSERT ON verification_tokens EXECUTE FUNCTION refuse_tokens()")
        }
    }

    /// Undoes ``refuseVerificationTokens()``.
    func acceptVerificationTokens() async throws {
        switch self {
        case .sqlite(let storage):
            try await storage.exposure.groupedWrite { try $0.execute("DROP TRIGGER refuse_tokens") }
        case .postgres: try await execute("DROP TRIGGER refuse_tokens ON verification_tokens")
        }
    }

    /// ``texts(in:_:_:)`` with arguments known at run time.
    func texts(in database: Database, _ sql: String, arguments: [String]) async throws -> [String?] {
        switch self {
        case .sqlite(let storage):
            try await (database == .health ? storage.health : storage.exposure).read { connection in
                try connection.query(sql, arguments: arguments) { try $0.get(0, as: String?.self) }
            }
        case .postgres(let test):
            try await test.texts(sql, arguments)
        }
    }
}
