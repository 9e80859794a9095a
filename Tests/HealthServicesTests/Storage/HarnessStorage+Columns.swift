import HealthSQLite

extension HarnessStorage {
    /// Every column of `database`'s tables as `table.column` (on PostgreSQL, where tests keep both in one
    /// database, those of both).
    func columns(in database: Database) async throws -> [String] {
        switch self {
        case .sqlite:
            try await texts(
                in: database,
                """
                SELECT m.name || '.' || p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p
                WHERE m.type = 'table'
                """
            ).compactMap { $0 }
        case .postgres:
            try await texts(
                "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            ).compactMap { $0 }
        }
    }

    /// SQL for the unix seconds of the instant in `column` (text on SQLite, `timestamptz` on PostgreSQL).
    func epoch(_ column: String) -> String {
        switch self {
        case .sqlite: "CAST(strftime('%s', \(column)) AS integer)"
        case .postgres: "CAST(extract(epoch FROM \(column)) AS bigint)"
        }
    }
}
