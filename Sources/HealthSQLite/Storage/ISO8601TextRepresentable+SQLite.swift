public import HealthServices

/// ISO 8601 values are stored as their TEXT, which sorts as the values do.
extension ISO8601TextRepresentable {
    public var sqliteValue: SQLiteValue { .text(iso8601) }

    public init?(sqliteValue: SQLiteValue) {
        guard case .text(let text) = sqliteValue else { return nil }
        self.init(iso8601: text)
    }
}

extension Timestamp: SQLiteValueConvertible {}
extension CalendarDate: SQLiteValueConvertible {}
