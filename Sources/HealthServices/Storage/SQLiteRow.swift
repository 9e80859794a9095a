/// The current row of a running statement; valid only inside the closure that receives it.
public struct SQLiteRow {
    private let statement: SQLiteStatement

    init(statement: SQLiteStatement) {
        self.statement = statement
    }

    /// The raw value of column `index` (0-based).
    public subscript(index: Int) -> SQLiteValue {
        statement.value(at: index)
    }

    /// Column `index` read as `T`; throws when the stored value has another type.
    public func get<T: SQLiteValueConvertible>(_ index: Int, as type: T.Type = T.self) throws(SQLiteError) -> T {
        let value = statement.value(at: index)
        guard let converted = T(sqliteValue: value) else {
            throw .misuse("column \(statement.columnName(at: index)) holds \(value), not \(T.self)")
        }
        return converted
    }

    /// A text column read as a string-backed enum; a value the enum lacks means code and schema disagree.
    public func get<T: RawRepresentable>(_ index: Int, as type: T.Type = T.self) throws(SQLiteError) -> T
    where T.RawValue == String {
        let text = try get(index, as: String.self)
        guard let value = T(rawValue: text) else {
            throw .misuse("column \(statement.columnName(at: index)) holds \(text), not a \(T.self)")
        }
        return value
    }
}

@available(*, unavailable)
extension SQLiteRow: Sendable {}
