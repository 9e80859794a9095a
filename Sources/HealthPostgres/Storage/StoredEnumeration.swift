import HealthServices

extension RawRepresentable<String> {
    /// The value of a stored enumeration; a raw value the type doesn't know means code and schema disagree.
    init(stored raw: String) throws {
        guard let value = Self(rawValue: raw) else { throw StoreError("unreadable stored \(Self.self): \(raw)") }
        self = value
    }
}
