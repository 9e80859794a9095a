import PostgresNIO

/// A statement put together from parts (optional filters), numbering its parameters `$1, $2, …` as they are
/// bound; values never enter the SQL text.
struct PostgresQueryBuilder {
    private(set) var sql: String
    private var bindings = PostgresBindings()

    init(_ sql: String) {
        self.sql = sql
    }

    /// Appends SQL text.
    mutating func append(_ text: String) {
        sql += text
    }

    /// Appends `text`, the placeholder (`$n`) of `value`, bound now, and `suffix`.
    mutating func append(_ text: String, _ value: some PostgresNonThrowingEncodable, _ suffix: String = "") {
        bindings.append(value)
        sql += text + "$\(bindings.count)" + suffix
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
