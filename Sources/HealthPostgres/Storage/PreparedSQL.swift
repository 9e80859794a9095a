import PostgresNIO

/// A statement whose SQL is fixed at compile time, run as a named prepared statement: PostgreSQL parses and plans it
/// once per connection, and every later run sends only its name and values (`$1, $2, …`).
///
/// The statements of the hottest paths are declared this way (a booking's, a token check's); statements put together
/// at run time, or run rarely, go through ``PostgresSession/all(_:_:)`` and are parsed per call.
protocol PreparedSQL {
    /// The statement's text, which its prepared name is made from: two types with the same text share one
    /// statement on a connection.
    static var sql: String { get }
}

/// A ``PreparedSQL`` statement with its values bound, as postgres-nio runs it: named after its SQL.
///
/// The name is `sql_` and a 64-bit FNV-1a hash of the text. Type names were too long: PostgreSQL keeps only the
/// first 63 bytes of a name, so two statements of one namespace got one name. A hash of the text is short and
/// distinct for distinct text, is the same statement for the same text, and is computed from a stored string on
/// each run, without demangling a type name. `pg_prepared_statements` shows the text beside it.
struct PreparedStatement<Text: PreparedSQL>: PostgresPreparedStatement {
    static var name: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Text.sql.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "sql_" + String(hash, radix: 16)
    }
    static var sql: String { Text.sql }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

extension PostgresSession {
    /// The rows of the prepared statement `text` run with `values`, each made into a value by `row`. A nil value is
    /// bound as NULL. PostgreSQL infers each parameter's type from the statement, so a value whose encoding is not
    /// that type (an `Int`, 8 bytes, for an `integer` column) needs a cast in the SQL (`$1::bigint`).
    func all<Text: PreparedSQL, T, each Value: PostgresNonThrowingEncodable>(
        _ text: Text.Type, _ values: repeat (each Value)?, row: (PostgresRow) throws -> T
    ) async throws -> [T] {
        try checkOpen()
        var bindings = PostgresBindings()
        repeat bindings.append(each values)
        let statement = PreparedStatement<Text>(bindings: bindings)
        var rows: [T] = []
        for try await each in try await connection.execute(statement, logger: logger) {
            rows.append(try row(each))
        }
        return rows
    }

    /// The first row of the prepared statement `text` run with `values`, made into a value by `row`; nil when
    /// there is none.
    func first<Text: PreparedSQL, T, each Value: PostgresNonThrowingEncodable>(
        _ text: Text.Type, _ values: repeat (each Value)?, row: (PostgresRow) throws -> T
    ) async throws -> T? {
        try await all(text, repeat each values, row: row).first
    }

    /// Runs the prepared statement `text` (ending in `RETURNING 1` where the count matters) with `values` and
    /// returns how many rows it returned.
    @discardableResult
    func run<Text: PreparedSQL, each Value: PostgresNonThrowingEncodable>(
        _ text: Text.Type, _ values: repeat (each Value)?
    ) async throws -> Int {
        try await all(text, repeat each values) { _ in () }.count
    }
}
