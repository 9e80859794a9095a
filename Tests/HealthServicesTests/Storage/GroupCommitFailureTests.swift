import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

/// The group commit answers every write with the outcome of the transaction it was in, also when SQLite ends that
/// transaction by itself in the middle of a group.
@Suite struct GroupCommitFailureTests {
    /// A trigger that makes SQLite roll the whole transaction back (`RAISE(ROLLBACK)`), as it does by itself after
    /// a full disk or an I/O error, whenever a row labelled `poison` is inserted.
    static let migration = Migration(
        version: 1, name: "items",
        sql: """
            CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT UNIQUE, payload BLOB) STRICT;
            CREATE TRIGGER items_poison BEFORE INSERT ON items WHEN NEW.label = 'poison'
            BEGIN SELECT RAISE(ROLLBACK, 'poison refused'); END;
            """)

    /// A database file in a fresh directory, removed with the directory by `body`'s caller.
    static func withDatabase(_ body: (SQLiteDatabase, URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-fail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("g.sqlite")
        try await body(try SQLiteDatabase(.file(path: file.path), migrations: [Self.migration]), file)
    }

    /// What the volume holding `file` has free for an unprivileged writer.
    static func freeBytes(on file: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: file.path)
        return (attributes[.systemFreeSize] as? NSNumber)?.int64Value ?? 0
    }

    static func labels(in database: SQLiteDatabase) async throws -> Set<String> {
        Set(try await database.read { try $0.query("SELECT label FROM items") { try $0.get(0, as: String.self) } })
    }

    @Test func aTransactionRolledBackMidGroupAnswersEveryWriteTruly() async throws {
        try await Self.withDatabase { (database: SQLiteDatabase, _: URL) async throws in
            let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
                for index in 0..<300 {
                    // Every 50th write poisons the shared transaction; the rest write one row each.
                    let label = index % 50 == 25 ? "poison" : "item-\(index)"
                    group.addTask {
                        do {
                            try await database.groupedWrite { connection in
                                _ = try connection.run("INSERT INTO items (label) VALUES (?)", label)
                            }
                            return (label, true)
                        } catch {
                            return (label, false)
                        }
                    }
                }
                return await group.reduce(into: [(String, Bool)]()) { $0.append($1) }
            }
            let answeredDone = Set(outcomes.filter(\.1).map(\.0))
            #expect(answeredDone == Set((0..<300).filter { $0 % 50 != 25 }.map { "item-\($0)" }))
            #expect(outcomes.filter { !$0.1 }.allSatisfy { $0.0 == "poison" })
            #expect(try await Self.labels(in: database) == answeredDone)
        }
    }

    @Test func aBodyGoingOnAfterTheRollbackWritesNothingOnItsOwn() async throws {
        try await Self.withDatabase { (database: SQLiteDatabase, _: URL) async throws in
            let before = Task {
                try await database.groupedWrite { _ = try $0.run("INSERT INTO items (label) VALUES ('before')") }
            }
            let stubborn = Task {
                try await database.groupedWrite { connection in
                    // Ignores the failure that ended the transaction and writes on: the write must not autocommit.
                    _ = try? connection.run("INSERT INTO items (label) VALUES ('poison')")
                    _ = try connection.run("INSERT INTO items (label) VALUES ('after')")
                }
            }
            let later = Task {
                try await database.groupedWrite { _ = try $0.run("INSERT INTO items (label) VALUES ('later')") }
            }
            try await before.value
            let error = await #expect(throws: StoreError.self) { try await stubborn.value }
            #expect(error?.code == .failed)
            try await later.value
            #expect(try await Self.labels(in: database) == ["before", "later"])
        }
    }

    @Test func aFullDatabaseIsAStorageFullRefusalUntilAWriteSucceeds() async throws {
        try await Self.withDatabase { (database: SQLiteDatabase, file: URL) async throws in
            try await database.groupedWrite { _ = try $0.run("INSERT INTO items (label) VALUES ('small')") }
            let pages = try await database.read {
                try $0.queryFirst("PRAGMA page_count") { try $0.get(0, as: Int.self) } ?? 0
            }
            // The writer may grow the file by only a few pages: a 1 MiB row cannot fit, a small one can.
            try await database.groupedWrite { try $0.execute("PRAGMA max_page_count = \(pages + 4)") }
            let freeBefore = try Self.freeBytes(on: file)
            let error = await #expect(throws: StoreError.self) {
                try await database.groupedWrite { connection in
                    _ = try connection.run(
                        "INSERT INTO items (label, payload) VALUES ('big', ?)", [UInt8](repeating: 7, count: 1 << 20))
                }
            }
            #expect(error?.code == .storageFull)
            #expect(error?.database == "g.sqlite")
            // The mark stands until a write commits or the volume gains room; other suites sharing the volume may
            // free files meanwhile, which clears it as room coming back would.
            let roomCameBack = try Self.freeBytes(on: file) >= freeBefore + OutOfSpaceMark.freedBytes / 2
            #expect(database.isOutOfSpace || roomCameBack)
            try await database.groupedWrite { _ = try $0.run("INSERT INTO items (label) VALUES ('fits')") }
            #expect(!database.isOutOfSpace)
            #expect(try await Self.labels(in: database) == ["small", "fits"])
        }
    }

    @Test func aSavepointChangingManyMegabytesCommits() async throws {
        // The statement journal of one grouped write far past the old 8 MiB spill threshold: it used to fail
        // with SQLITE_FULL when the journal spilled to a file.
        try await Self.withDatabase { (database: SQLiteDatabase, _: URL) async throws in
            try await database.groupedWrite { connection in
                for index in 0..<4_000 {
                    _ = try connection.run(
                        "INSERT INTO items (label, payload) VALUES (?, randomblob(4000))", "row-\(index)")
                }
            }
            try await database.groupedWrite { connection in
                _ = try connection.run("UPDATE items SET payload = randomblob(4000)")
            }
            let count = try await database.read {
                try $0.queryFirst("SELECT count(*) FROM items") { try $0.get(0, as: Int.self) }
            }
            #expect(count == 4_000)
        }
    }

    @Test func theLogIsTruncatedOnceTheWriterIsIdleAndOnClose() async throws {
        try await Self.withDatabase { (database: SQLiteDatabase, file: URL) async throws in
            let log = file.path + "-wal"
            func logSize() throws -> Int {
                (try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? -1
            }
            // One write, so no idle second can come between its inserts and truncate the log before it is measured.
            try await database.groupedWrite { connection in
                for round in 0..<20 {
                    _ = try connection.run(
                        "INSERT INTO items (label, payload) VALUES (?, randomblob(100000))", "round-\(round)")
                }
            }
            #expect(try logSize() > 1_000_000)
            let deadline = ContinuousClock.now + .seconds(20)
            while try logSize() > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try logSize() == 0)
            try await database.groupedWrite { _ = try $0.run("INSERT INTO items (label) VALUES ('last')") }
            #expect(try logSize() > 0)
            await database.close()
            #expect(try logSize() == 0)
        }
    }
}
