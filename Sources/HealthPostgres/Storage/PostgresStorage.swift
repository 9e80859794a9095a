public import HealthServices
public import Logging
import PostgresNIO

/// The PostgreSQL databases of a deployment: the health database (people, bookings, records, audit) and the key
/// server's (diagnosis keys and exports, no person ids), which may be the same database or one of its own.
public struct PostgresStorage: Sendable {
    public let health: PostgresDatabase
    public let exposure: PostgresDatabase

    /// Pools for the databases at `health` and `exposure` (one pool when they are the same database), whose reads
    /// and writes wait at most `connectionWait` for a connection.
    public init(
        health: PostgresLocation, exposure: PostgresLocation? = nil,
        connectionWait: Duration = PostgresDatabase.defaultConnectionWait, logger: Logger
    ) {
        let healthDatabase = PostgresDatabase(health, connectionWait: connectionWait, logger: logger)
        self.health = healthDatabase
        if let exposure, exposure != health {
            self.exposure = PostgresDatabase(exposure, connectionWait: connectionWait, logger: logger)
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

    /// How long opening waits for a database to answer before it gives up.
    public static let openTimeout = Duration.seconds(10)

    /// Brings both schemas up to date (the pools must be running); fails when a database does not answer within
    /// ``openTimeout``.
    public func migrate() async throws {
        for database in databases where await !database.answers(within: Self.openTimeout) {
            throw StoreError(
                .databaseUnavailable, "the PostgreSQL database \(database.location) did not answer",
                database: database.location)
        }
        try await health.migrate(PostgresHealthSchema.migrations, recordedIn: "schema_migrations")
        try await exposure.migrate(PostgresExposureSchema.migrations, recordedIn: "exposure_schema_migrations")
    }
}

/// One PostgreSQL database as the readiness probe sees it: it must answer within ``answerTimeout``.
struct PostgresDatabaseProbe: DatabaseProbe {
    let name: String
    let database: PostgresDatabase

    static let answerTimeout = Duration.seconds(2)

    func state() async -> DatabaseState {
        await database.answers(within: Self.answerTimeout) ? .ok : .unreachable
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
            border: BorderListPostgresStore(database: database),
            statistics: StatisticsPostgresStore(database: database),
            databases: [
                PostgresDatabaseProbe(name: "health", database: storage.health),
                PostgresDatabaseProbe(name: "exposure", database: storage.exposure),
            ]
        )
    }
}
