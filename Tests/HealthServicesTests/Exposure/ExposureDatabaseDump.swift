import Foundation

@testable import HealthAPI
@testable import HealthSQLite
@testable import HealthServices

/// Every value of every table of a data directory's `exposure.sqlite`, as text and as hex.
enum ExposureDatabaseDump {
    static func tables(_ directory: URL) async throws -> [String: [[String]]] {
        let database = try SQLiteDatabase(
            .file(path: directory.appendingPathComponent("exposure.sqlite").path),
            migrations: SQLiteExposureSchema.migrations
        )
        return try await database.read { connection in
            let names = try connection.query("SELECT name FROM sqlite_master WHERE type = 'table'") {
                try $0.get(0, as: String.self)
            }
            var tables: [String: [[String]]] = [:]
            for table in names {
                let columns = try connection.query("SELECT name FROM pragma_table_info(?)", table) {
                    try $0.get(0, as: String.self)
                }
                let select = columns.map { "coalesce(CAST(\"\($0)\" AS TEXT), ''), hex(\"\($0)\")" }
                    .joined(separator: ", ")
                tables[table] = try connection.query("SELECT \(select) FROM \"\(table)\"") { row in
                    try (0..<columns.count * 2).map { try row.get($0, as: String.self) }
                }
            }
            return tables
        }
    }
}
