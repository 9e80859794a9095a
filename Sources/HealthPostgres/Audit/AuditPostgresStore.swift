import CryptoCore
public import HealthServices
import PostgresNIO

/// The audit log in the PostgreSQL health database.
public struct AuditPostgresStore: AuditStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func entries(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await database.read { session in
            try await session.all("\(unescaped: Self.select) WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)") {
                try Self.entry($0)
            }
        }
    }

    public func latest(limit: Int) async throws -> [AuditEntry] {
        try await database.read { session in
            try await session.all("\(unescaped: Self.select) ORDER BY seq DESC LIMIT \(limit)") { try Self.entry($0) }
        }
    }

    public func holdsEntries() async throws -> Bool {
        try await database.read { session in
            try await session.first(
                "SELECT EXISTS (SELECT 1 FROM audit_log) OR EXISTS (SELECT 1 FROM audit_pending)"
            ) { try $0.decode(Bool.self) } ?? false
        }
    }

    /// Entries wait in `audit_pending` until a seal chains them.
    public var chainsAfterCommit: Bool { true }

    /// Seals in transactions of at most ``sealBatch`` entries, so the chain's lock is never held long.
    public func sealPending() async throws -> Int {
        var sealed = 0
        while true {
            let count = try await database.write { session in
                try await session.first("SELECT audit_seal(\(Int32(Self.sealBatch)))") { try $0.decode(Int.self) } ?? 0
            }
            sealed += count
            if count < Self.sealBatch { return sealed }
        }
    }

    static let sealBatch = 1_000

    static let select = "SELECT seq, at, actor, role, action, subject, details, previous_hash, hash FROM audit_log"

    static func entry(_ row: PostgresRow) throws -> AuditEntry {
        let (sequence, at, actor, role, action, subject, details, previous, hash) = try row.decode(
            (Int64, Timestamp, String, String, String, String, String, Bytea, Bytea).self)
        return AuditEntry(
            sequence: sequence, at: at.iso8601, actor: actor, role: role, action: action, subject: subject,
            details: details, previousHash: Hex.encode(previous.bytes), hash: Hex.encode(hash.bytes))
    }
}
