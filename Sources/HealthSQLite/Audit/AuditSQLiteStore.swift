import CryptoCore
public import HealthServices

/// The audit log in `health.sqlite`.
public struct AuditSQLiteStore: AuditStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func entries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await database.read { connection in
            try connection.query("\(Self.select) WHERE seq > ? ORDER BY seq LIMIT ?", sequence, limit, row: Self.entry)
        }
    }

    public func latest(limit: Int) async throws -> [AuditEntry] {
        try await database.read { connection in
            try connection.query("\(Self.select) ORDER BY seq DESC LIMIT ?", limit, row: Self.entry)
        }
    }

    public func holdsEntries() async throws -> Bool {
        try await database.read { connection in
            try connection.query("SELECT EXISTS (SELECT 1 FROM audit_log)") { row -> Bool in try row.get(0) }.first
                ?? false
        }
    }

    /// Nothing is pending: SQLite's one writer chains each entry as it appends it.
    public func sealPending() async throws -> Int { 0 }

    public var chainsAfterCommit: Bool { false }

    static let select = "SELECT seq, at, actor, role, action, subject, details, previous_hash, hash FROM audit_log"

    /// A stored hash as hex; anything that is not a blob (a tampered row) reads as an empty string.
    private static func hex(_ value: SQLiteValue) -> String {
        guard case .blob(let bytes) = value else { return "" }
        return Hex.encode(bytes)
    }

    static func entry(_ row: SQLiteRow) throws -> AuditEntry {
        AuditEntry(
            sequence: try row.get(0), at: try row.get(1), actor: try row.get(2), role: try row.get(3),
            action: try row.get(4), subject: try row.get(5), details: try row.get(6),
            previousHash: hex(row[7]), hash: hex(row[8])
        )
    }
}
