/// The stores of one deployment, from whichever storage backend holds them: what the services are built on.
public struct HealthStores: Sendable {
    public var identity: any IdentityStore
    public var scheduling: any SchedulingStore
    public var appointments: any AppointmentStore
    public var records: any RecordStore
    public var outbox: any OutboxStore
    public var audit: any AuditStore
    /// The key server's store: diagnosis keys and exports, no person ids.
    public var exposure: any ExposureStore
    /// Deletes personal data past its retention period.
    public var retention: any RetentionStore
    /// Document signers, value sets and entry rules imported for border checks.
    public var border: any BorderListStore
    /// Daily counts for statistics.
    public var statistics: any StatisticsStore
    /// The databases behind the stores, for the readiness probe.
    public var databases: [any DatabaseProbe]

    public init(
        identity: any IdentityStore, scheduling: any SchedulingStore, appointments: any AppointmentStore,
        records: any RecordStore, outbox: any OutboxStore, audit: any AuditStore, exposure: any ExposureStore,
        retention: any RetentionStore, border: any BorderListStore, statistics: any StatisticsStore,
        databases: [any DatabaseProbe]
    ) {
        self.identity = identity
        self.scheduling = scheduling
        self.appointments = appointments
        self.records = records
        self.outbox = outbox
        self.audit = audit
        self.exposure = exposure
        self.retention = retention
        self.border = border
        self.statistics = statistics
        self.databases = databases
    }
}
