import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct SQLiteDatabaseTests {
    static let itemsMigration = Migration(
        version: 1,
        name: "items",
        sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT, weight REAL, payload BLOB, count INTEGER) STRICT"
    )

    @Test func typedValuesRoundTripIncludingBlobsWithEmbeddedZeros() async throws {
        let database = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration])
        let payload: [UInt8] = [0, 1, 0, 255, 0]
        try await database.groupedWrite { connection in
            try connection.run(
                "INSERT INTO items (label, weight, payload, count) VALUES (?, ?, ?, ?)",
                "ünïcødé ✓", 2.5, payload, Int64.max
            )
            try connection.run(
                "INSERT INTO items (label, weight, payload, count) VALUES (?, ?, ?, ?)", String?.none, 0.0, [UInt8](), 0
            )
        }
        let rows = try await database.read { connection in
            try connection.query("SELECT label, weight, payload, count FROM items ORDER BY id") { row in
                (
                    try row.get(0, as: String?.self), try row.get(1, as: Double.self), try row.get(2, as: [UInt8].self),
                    try row.get(3, as: Int64.self)
                )
            }
        }
        #expect(rows.count == 2)
        #expect(rows[0].0 == "ünïcødé ✓")
        #expect(rows[0].1 == 2.5)
        #expect(rows[0].2 == payload)
        #expect(rows[0].3 == Int64.max)
        #expect(rows[1].0 == nil)
        #expect(rows[1].2 == [])
    }

    /// Text holding U+0000 is refused, as PostgreSQL refuses it, rather than stored cut at the NUL.
    @Test func textHoldingNULIsRefusedNotCut() async throws {
        let database = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration])
        await #expect(throws: (any Error).self) {
            try await database.groupedWrite { try $0.run("INSERT INTO items (label) VALUES (?)", "cut\u{0}here") }
        }
        let labels = try await database.read {
            try $0.query("SELECT label FROM items") { try $0.get(0, as: String.self) }
        }
        #expect(labels.isEmpty)
    }

    @Test func aWriteIsRolledBackWhenItsBodyThrows() async throws {
        struct Abort: Error {}
        let database = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration])
        await #expect(throws: Abort.self) {
            try await database.groupedWrite { connection in
                try connection.run("INSERT INTO items (label) VALUES (?)", "lost")
                throw Abort()
            }
        }
        let count = try await database.read {
            try $0.queryFirst("SELECT count(*) FROM items") { try $0.get(0, as: Int.self) }
        }
        #expect(count == 0)
    }

    @Test func constraintViolationsCarryTheExtendedCode() async throws {
        let database = try SQLiteDatabase(
            .memory,
            migrations: [
                Migration(version: 1, name: "unique", sql: "CREATE TABLE u (value TEXT UNIQUE NOT NULL) STRICT")
            ]
        )
        // The connection's own error, before a grouped write turns it into the StoreError it means.
        let error = try await database.groupedWrite { connection in
            try connection.run("INSERT INTO u VALUES (?)", "a")
            return #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO u VALUES (?)", "a") }
        }
        #expect(error?.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error?.isConstraintViolation == true)
        #expect(error?.message.contains("UNIQUE") == true)
    }

    @Test func wrongTypeReadIsAnErrorNotACrash() async throws {
        let database = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration])
        _ = try await database.groupedWrite { try $0.run("INSERT INTO items (label) VALUES (?)", "text") }
        let error = await #expect(throws: StoreError.self) {
            try await database.read { try $0.queryFirst("SELECT label FROM items") { try $0.get(0, as: Int64.self) } }
        }
        #expect(error?.code == .failed)
    }

    @Test func timestampColumnsAreReadFromTheirTextAndNothingElse() async throws {
        let database = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration])
        try await database.groupedWrite { connection in
            try connection.run(
                "INSERT INTO items (id, label) VALUES (1, ?)", Timestamp(secondsSinceEpoch: 1_800_000_000))
            try connection.run("INSERT INTO items (id, label) VALUES (2, ?)", "2026-03-01T08:00:00+03:00")
            try connection.run("INSERT INTO items (id, label) VALUES (3, ?)", "2026-02-30T08:00:00Z")
            try connection.run("INSERT INTO items (id, label, count) VALUES (4, NULL, 1800000000)")
        }
        let read = { (id: Int) in
            try await database.read { connection in
                try connection.queryFirst("SELECT label FROM items WHERE id = ?", id) {
                    try $0.get(0, as: Timestamp.self)
                }
            }
        }
        #expect(try await read(1) == Timestamp(secondsSinceEpoch: 1_800_000_000))
        #expect(try await read(2) == Timestamp(iso8601: "2026-03-01T05:00:00Z"))
        await #expect(throws: StoreError.self) { try await read(3) }
        await #expect(throws: StoreError.self) { try await read(4) }
        let stored = try await database.read { connection in
            try connection.queryFirst("SELECT label, count FROM items WHERE id = 1") { row in
                (try row.get(0, as: String.self), try row.get(1, as: Timestamp?.self))
            }
        }
        #expect(stored?.0 == "2027-01-15T08:00:00Z" && stored?.1 == nil)
    }

    @Test func wrongParameterCountIsRefused() async throws {
        let database = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration])
        let error = await #expect(throws: StoreError.self) {
            try await database.groupedWrite {
                try $0.run("INSERT INTO items (label, weight) VALUES (?, ?)", "only one")
            }
        }
        #expect(error?.code == .failed)
    }

    @Test func fileDatabaseIsDurableWALAndMigratesOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("test.sqlite").path

        do {
            let database = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration])
            _ = try await database.groupedWrite { try $0.run("INSERT INTO items (label) VALUES (?)", "kept") }
            let settings = try await database.groupedWrite { connection in
                [
                    try connection.pragma("journal_mode"), try connection.pragma("synchronous"),
                    try connection.pragma("foreign_keys"),
                ]
            }
            #expect(settings == [.text("wal"), .integer(2), .integer(1)])
        }

        let second = Migration(version: 2, name: "tags", sql: "CREATE TABLE tags (name TEXT) STRICT")
        let reopened = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration, second])
        let state = try await reopened.read { connection in
            (
                try connection.query("SELECT label FROM items") { try $0.get(0, as: String.self) },
                try connection.query("SELECT version, name FROM schema_migrations ORDER BY version") {
                    "\(try $0.get(0, as: Int.self)):\(try $0.get(1, as: String.self))"
                }
            )
        }
        #expect(state.0 == ["kept"])
        #expect(state.1 == ["1:items", "2:tags"])
    }

    /// Two processes opening a file after an upgrade: the one that waited for the write lock while the other applied
    /// a migration finds it recorded, and opens, rather than failing on the migration run twice.
    @Test func aMigrationAppliedByAnotherProcessMeanwhileIsNotRunAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("test.sqlite").path
        try await SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration]).close()

        let second = Migration(version: 2, name: "tags", sql: "CREATE TABLE tags (name TEXT) STRICT")
        let other = try SQLiteConnection(path: path)
        try other.execute("BEGIN IMMEDIATE")
        try other.execute(second.sql)
        try other.run("INSERT INTO schema_migrations (version, name) VALUES (2, 'tags')")
        let opening = Task { try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration, second]) }
        try await Task.sleep(for: .milliseconds(300))
        try other.execute("COMMIT")
        let opened = try await opening.value
        let versions = try await opened.read { connection in
            try connection.query("SELECT version FROM schema_migrations ORDER BY version") {
                try $0.get(0, as: Int.self)
            }
        }
        #expect(versions == [1, 2])
        await opened.close()
    }

    /// Nothing of a closed database runs: its writer's and readers' threads have ended (not only been told to) when
    /// `close()` returns, so a process may exit at once. Each thread is found by its kernel id under /proc.
    @Test func closingADatabaseEndsItsThreadsBeforeItReturns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(
            .file(path: directory.appendingPathComponent("test.sqlite").path), migrations: [Self.itemsMigration])
        @Sendable func threadPath() throws -> String {
            "/proc/self/task/" + (try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"))
                .split(separator: "/").last!
        }
        var threads = [try await database.groupedWrite { _ in try threadPath() }]
        _ = try await database.groupedWrite { try $0.run("INSERT INTO items (label) VALUES ('a')") }
        for _ in 0..<SQLiteDatabase.readerCount { threads.append(try await database.read { _ in try threadPath() }) }
        #expect(Set(threads).count == 1 + SQLiteDatabase.readerCount)
        #expect(threads.allSatisfy { FileManager.default.fileExists(atPath: $0) })

        await database.close()
        #expect(threads.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }

    @Test func editedOrUnknownMigrationHistoryIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("test.sqlite").path
        let second = Migration(version: 2, name: "tags", sql: "CREATE TABLE tags (name TEXT) STRICT")
        _ = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration, second])

        #expect(throws: SQLiteError.self) {
            _ = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration])
        }
        let renamed = Migration(version: 2, name: "labels", sql: "CREATE TABLE labels (name TEXT) STRICT")
        #expect(throws: SQLiteError.self) {
            _ = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration, renamed])
        }
        let misnumbered = Migration(version: 3, name: "gap", sql: "SELECT 1")
        #expect(throws: SQLiteError.self) {
            _ = try SQLiteDatabase(.memory, migrations: [Self.itemsMigration, misnumbered])
        }
    }

    /// A history with a migration missing below the last is refused, and nothing runs: migrating after the count
    /// recorded would run the last one again or skip the missing one.
    @Test func aMigrationHistoryWithAGapIsRefusedAndLeftAsItIs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("test.sqlite").path
        let second = Migration(version: 2, name: "tags", sql: "CREATE TABLE tags (name TEXT) STRICT")
        let third = Migration(version: 3, name: "notes", sql: "CREATE TABLE notes (text TEXT) STRICT")
        let database = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration, second])
        _ = try await database.groupedWrite { try $0.run("DELETE FROM schema_migrations WHERE version = 1") }
        await database.close()

        let refusal = #expect(throws: SQLiteError.self) {
            _ = try SQLiteDatabase(.file(path: path), migrations: [Self.itemsMigration, second, third])
        }
        #expect(refusal?.message.contains("records migration 2 where migration 1 should be") == true)
        let tables = try SQLiteConnection(path: path, readOnly: true).query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
        ) { try $0.get(0, as: String.self) }
        #expect(tables == ["items", "schema_migrations", "tags"])
    }

    @Test func failedMigrationLeavesNoTrace() async throws {
        let broken = Migration(version: 1, name: "broken", sql: "CREATE TABLE ok (a TEXT); CREATE TABLE ok (a TEXT)")
        #expect(throws: SQLiteError.self) { _ = try SQLiteDatabase(.memory, migrations: [broken]) }
    }
}

@Suite struct SQLiteReaderTests {
    @Test func readsOnAFileDatabaseSeeEveryCommittedWriteAndCannotWrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(
            .file(path: directory.appendingPathComponent("test.sqlite").path),
            migrations: [SQLiteDatabaseTests.itemsMigration]
        )
        for round in 1...10 {
            _ = try await database.groupedWrite { try $0.run("INSERT INTO items (label) VALUES (?)", "row \(round)") }
            let count = try await database.read {
                try $0.queryFirst("SELECT count(*) FROM items") { try $0.get(0, as: Int.self) }
            }
            #expect(count == round)
        }
        // What the services see: a storage failure naming the file and SQLite's code.
        let error = await #expect(throws: StoreError.self) {
            try await database.read { try $0.run("INSERT INTO items (label) VALUES (?)", "sneaked") }
        }
        #expect(error?.code == .failed)
        #expect(error?.message.hasPrefix("test.sqlite: SQLite error 8:") == true)  // SQLITE_READONLY
    }
}
