/// Every service of the application over one set of databases: what the HTTP controllers and healthctl call.
public struct HealthServiceSet: Sendable {
    public let accounts: AccountService
    public let access: AccessService
    public let scheduling: SchedulingService
    public let appointments: AppointmentService
    public let outbox: OutboxService
    public let audit: AuditService

    /// Builds the services on SQLite storage; one-time codes go to the outbox.
    public init(storage: HealthStorage, clock: WallClock = .system) {
        let database = storage.health
        let identity = IdentitySQLiteStore(database: database)
        let outboxStore = OutboxSQLiteStore(database: database)
        accounts = AccountService(
            store: identity, notifier: OutboxNotifier(store: outboxStore, clock: clock), clock: clock)
        access = AccessService(store: identity, clock: clock)
        scheduling = SchedulingService(store: SchedulingSQLiteStore(database: database), clock: clock)
        appointments = AppointmentService(store: AppointmentSQLiteStore(database: database), clock: clock)
        outbox = OutboxService(store: outboxStore)
        audit = AuditService(store: AuditSQLiteStore(database: database))
    }
}
