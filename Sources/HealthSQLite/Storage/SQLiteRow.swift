public import HealthServices

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

    /// Column `index` read as text straight from SQLite's bytes; throws when it holds anything else.
    public func get(_ index: Int, as type: String.Type = String.self) throws(SQLiteError) -> String {
        guard let text = statement.withText(at: index, { String(decoding: $0, as: UTF8.self) }) else {
            throw .misuse("column \(statement.columnName(at: index)) holds \(statement.value(at: index)), not String")
        }
        return text
    }

    /// `body` applied to the bytes of text column `index`, read in place; throws when it holds anything else.
    public func text<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) throws(SQLiteError) -> T {
        guard let result = statement.withText(at: index, body) else {
            throw .misuse("column \(statement.columnName(at: index)) holds \(statement.value(at: index)), not String")
        }
        return result
    }

    /// Column `index` read as an integer straight from SQLite; throws when it holds anything else.
    public func get(_ index: Int, as type: Int.Type = Int.self) throws(SQLiteError) -> Int {
        guard let value = statement.integer(at: index), let integer = Int(exactly: value) else {
            throw .misuse("column \(statement.columnName(at: index)) holds \(statement.value(at: index)), not Int")
        }
        return integer
    }

    /// Column `index` read as ISO 8601 text straight from SQLite's bytes; throws when it holds anything else.
    public func get<T: ISO8601TextRepresentable & SQLiteValueConvertible>(_ index: Int, as type: T.Type = T.self)
        throws(SQLiteError) -> T
    {
        guard let converted = statement.withText(at: index, T.init(iso8601UTF8:)) ?? nil else {
            throw .misuse(
                "column \(statement.columnName(at: index)) holds \(statement.value(at: index)), not \(T.self)")
        }
        return converted
    }
}

@available(*, unavailable)
extension SQLiteRow: Sendable {}
