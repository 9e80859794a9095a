/// The stores of one deployment, from whichever storage backend holds them: what the services are built on.
public struct HealthStores: Sendable {
    public var identity: any IdentityStore
    public var scheduling: any SchedulingStore
    public var appointments: any AppointmentStore
    public var records: any RecordStore
    public var outbox: any OutboxStore
    public var audit: any AuditStore
    /// The databases behind the stores, for the readiness probe.
    public var databases: [any DatabaseProbe]

    public init(
        identity: any IdentityStore, scheduling: any SchedulingStore, appointments: any AppointmentStore,
        records: any RecordStore, outbox: any OutboxStore, audit: any AuditStore, databases: [any DatabaseProbe]
    ) {
        self.identity = identity
        self.scheduling = scheduling
        self.appointments = appointments
        self.records = records
        self.outbox = outbox
        self.audit = audit
        self.databases = databases
    }
}
