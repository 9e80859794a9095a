import Foundation
import Testing

@testable import HealthSQLite
@testable import HealthServices

@Suite struct GroupCommitTests {
    static let migration = Migration(
        version: 1, name: "items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT UNIQUE) STRICT")

    @Test func concurrentGroupedWritesEachLandOrFailAlone() async throws {
        struct Refused: Error {}
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "group-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDatabase(
            .file(path: directory.appendingPathComponent("g.sqlite").path), migrations: [Self.migration])

        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<500 {
                group.addTask {
                    do {
                        try await database.groupedWrite { connection in
                            try connection.run("INSERT INTO items (label) VALUES (?)", "item-\(index)")
                            // Every seventh write changes its mind after writing: only its own row must vanish.
                            if index % 7 == 0 { throw Refused() }
                            // A constraint failure inside one body must not disturb the others in its group.
                            if index % 11 == 0 {
                                try connection.run("INSERT INTO items (label) VALUES (?)", "item-\(index)")
                            }
                        }
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        let expected = Set((0..<500).filter { $0 % 7 != 0 && $0 % 11 != 0 })
        #expect(Set(results.filter(\.value).keys) == expected)
        let stored = try await database.read { connection in
            try connection.query("SELECT label FROM items") { try $0.get(0, as: String.self) }
        }
        #expect(Set(stored) == Set(expected.map { "item-\($0)" }))
    }

    @Test func aGroupedWriteSeesTheWritesGroupedBeforeIt() async throws {
        let database = try SQLiteDatabase(.memory, migrations: [Self.migration])
        async let first: Int = database.groupedWrite { connection in
            try connection.run("INSERT INTO items (label) VALUES ('a')")
        }
        async let second: Int = database.groupedWrite { connection in
            try connection.queryFirst("SELECT count(*) FROM items") { try $0.get(0, as: Int.self) } ?? -1
        }
        let (inserted, counted) = try await (first, second)
        #expect(inserted == 1)
        #expect(counted == 0 || counted == 1)
        #expect(
            try await database.read { try $0.queryFirst("SELECT count(*) FROM items") { try $0.get(0, as: Int.self) } }
                == 1)
    }
}
