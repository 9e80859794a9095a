import HealthServices
import PostgresNIO

/// Reads a row's cells in column order, each as the type asked for: so that a group of columns that several
/// queries select (a slot's) is decoded by one function wherever in the row it stands.
struct PostgresCellReader {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) {
        cells = row.makeIterator()
    }

    /// The next cell, decoded.
    mutating func next<Value: PostgresDecodable>() throws -> Value {
        guard let cell = cells.next() else { throw StoreError("a row has fewer columns than its reader expects") }
        return try cell.decode(Value.self)
    }

    /// Checks that every cell has been read, as a query and its reader must agree on the columns.
    func end() throws {
        var rest = cells
        guard rest.next() == nil else { throw StoreError("a row has more columns than its reader expects") }
    }
}
