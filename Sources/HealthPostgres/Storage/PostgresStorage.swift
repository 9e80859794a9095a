public import HealthServices
public import Logging
import PostgresNIO

/// The PostgreSQL databases of a deployment: the health database (people, bookings, records, audit) and the key
/// server's (diagnosis keys and exports, no person ids), which may be the same database or one of its own.
public struct PostgresStorage: Sendable {
    public let health: PostgresDatabase
    public let exposure: PostgresDatabase

    /// Pools for the databases at `health` and `exposure` (one pool when they are the same database).
    public init(health: PostgresLocation, exposure: PostgresLocation? = nil, logger: Logger) {
        let healthDatabase = PostgresDatabase(health, logger: logger)
        self.health = healthDatabase
        if let exposure, exposure != health {
            self.exposure = PostgresDatabase(exposure, logger: logger)
        } else {
            self.exposure = healthDatabase
        }
    }

    /// The distinct databases, each once.
    public var databases: [PostgresDatabase] {
        health === exposure ? [health] : [health, exposure]
    }

    /// Runs the connection pools until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for database in databases {
                group.addTask { await database.run() }
            }
        }
    }

    /// Brings both schemas up to date (the pools must be running).
    public func migrate() async throws {
        try await health.migrate(PostgresHealthSchema.migrations, recordedIn: "schema_migrations")
        try await exposure.migrate(PostgresExposureSchema.migrations, recordedIn: "exposure_schema_migrations")
    }
}

/// One PostgreSQL database as the readiness probe sees it: it must answer within ``answerTimeout``, since a lease
/// from the pool waits while the server cannot be reached.
struct PostgresDatabaseProbe: DatabaseProbe {
    let name: String
    let database: PostgresDatabase

    static let answerTimeout = Duration.seconds(2)

    func isReachable() async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                let answered = try? await database.read { session in
                    try await session.first("SELECT 1") { try $0.decode(Int.self) }
                }
                return answered == 1
            }
            group.addTask {
                try? await Task.sleep(for: Self.answerTimeout)
                return false
            }
            let answered = await group.next() ?? false
            group.cancelAll()
            return answered
        }
    }

    var poolUsage: ConnectionPoolUsage? { database.usage }
}

extension HealthStores {
    /// The stores over the deployment's PostgreSQL databases.
    public init(postgres storage: PostgresStorage) {
        let database = storage.health
        self.init(
            identity: IdentityPostgresStore(database: database),
            scheduling: SchedulingPostgresStore(database: database),
            appointments: AppointmentPostgresStore(database: database),
            records: RecordPostgresStore(database: database),
            outbox: OutboxPostgresStore(database: database),
            audit: AuditPostgresStore(database: database),
            exposure: ExposurePostgresStore(database: storage.exposure),
            retention: RetentionPostgresStore(database: database),
            databases: [
                PostgresDatabaseProbe(name: "health", database: storage.health),
                PostgresDatabaseProbe(name: "exposure", database: storage.exposure),
            ]
        )
    }
}
