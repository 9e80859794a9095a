/// One numbered schema change of a storage backend, in its own SQL. Migrations are append-only: a released one is
/// never edited or reordered.
public struct Migration: Sendable, Hashable {
    /// 1, 2, 3, … in order, with no gaps.
    public let version: Int
    /// A short name, recorded with the version so an edited history is detected.
    public let name: String
    /// The statements that make the change.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
