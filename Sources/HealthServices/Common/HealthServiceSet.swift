/// Every service of the application over one set of databases: what the HTTP controllers and healthctl call.
public struct HealthServiceSet: Sendable {
    public let storage: HealthStorage
    public let accounts: AccountService
    public let access: AccessService
    public let scheduling: SchedulingService
    public let appointments: AppointmentService
    public let outbox: OutboxService
    public let audit: AuditService
    public let results: ResultService
    public let vaccinations: VaccinationService
    public let certificates: CertificateService
    public let status: StatusService
    public let exposureVerification: ExposureVerificationService
    public let exposureKeys: ExposureKeyRing
    public let exposureExports: ExposureExportService
    public let exposureStatistics: ExposureStatisticsService
    let exposureUploads: ExposureUploadService

    /// Builds the services on SQLite storage; one-time codes go to the outbox, certificates are signed by
    /// `authority`, key exports and verification certificates by `exposureKeys`.
    public init(
        storage: HealthStorage, authority: CertificateAuthority, exposureKeys: ExposureKeyRing,
        exposure: ExposureConfiguration = .init(), clock: WallClock = .system
    ) {
        self.storage = storage
        let database = storage.health
        let identity = IdentitySQLiteStore(database: database)
        let outboxStore = OutboxSQLiteStore(database: database)
        let records = RecordSQLiteStore(database: database)
        accounts = AccountService(
            store: identity, notifier: OutboxNotifier(store: outboxStore, clock: clock), clock: clock)
        access = AccessService(store: identity, clock: clock)
        scheduling = SchedulingService(store: SchedulingSQLiteStore(database: database), clock: clock)
        appointments = AppointmentService(store: AppointmentSQLiteStore(database: database), clock: clock)
        outbox = OutboxService(store: outboxStore)
        audit = AuditService(store: AuditSQLiteStore(database: database))
        results = ResultService(store: records, authority: authority, clock: clock)
        vaccinations = VaccinationService(store: records, authority: authority, clock: clock)
        certificates = CertificateService(store: records, authority: authority, clock: clock)
        status = StatusService(store: records, clock: clock)
        exposureVerification = ExposureVerificationService(store: records, clock: clock)
        let exposureStore = ExposureSQLiteStore(database: storage.exposure)
        self.exposureKeys = exposureKeys
        exposureExports = ExposureExportService(
            store: exposureStore, keys: exposureKeys, configuration: exposure,
            mirrorDirectory: storage.exportMirrorDirectory)
        exposureStatistics = ExposureStatisticsService(records: records, store: exposureStore)
        exposureUploads = ExposureUploadService(
            codes: exposureVerification, store: exposureStore, keys: exposureKeys, configuration: exposure, clock: clock
        )
    }

    /// The services of a deployment: its databases and its signing keys.
    public init(
        _ storage: AppConfiguration.Storage, issuer: AppConfiguration.Issuer = .init(),
        exposure: ExposureConfiguration = .init()
    ) throws {
        self.init(
            storage: try HealthStorage(storage), authority: try CertificateAuthority.load(storage, identity: issuer),
            exposureKeys: try ExposureKeyRing.load(storage), exposure: exposure)
    }
}
