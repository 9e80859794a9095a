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

extension Migration {
    /// Why a database recording `versions` (ascending) cannot be migrated when they are not 1, 2, 3, … with none
    /// missing: migrating goes on after the count recorded, so it would run again a migration the database has, or
    /// skip one it lacks. Nil when they are.
    public static func gap(in versions: [Int]) -> String? {
        guard let offset = versions.indices.first(where: { versions[$0] != $0 + 1 }) else { return nil }
        return "database records migration \(versions[offset]) where migration \(offset + 1) should be: its schema "
            + "is not one this project's migrations made, so it is not migrated"
    }
}
