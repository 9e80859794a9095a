public import HealthServices

extension HealthStores {
    /// The stores over the deployment's SQLite databases.
    public init(sqlite storage: HealthStorage) {
        let database = storage.health
        self.init(
            identity: IdentitySQLiteStore(database: database),
            scheduling: SchedulingSQLiteStore(database: database),
            appointments: AppointmentSQLiteStore(database: database),
            records: RecordSQLiteStore(database: database),
            outbox: OutboxSQLiteStore(database: database),
            audit: AuditSQLiteStore(database: database),
            exposure: ExposureSQLiteStore(database: storage.exposure),
            retention: RetentionSQLiteStore(database: database),
            border: BorderListSQLiteStore(database: database),
            statistics: StatisticsSQLiteStore(database: database),
            databases: [
                SQLiteDatabaseProbe(name: "health", database: storage.health),
                SQLiteDatabaseProbe(name: "exposure", database: storage.exposure),
            ]
        )
    }
}

extension HealthServiceSet {
    /// The services of a deployment on the SQLite databases `configuration` names, with its signing keys.
    public init(
        _ configuration: AppConfiguration.Storage, issuer: AppConfiguration.Issuer = .init(),
        exposure: ExposureConfiguration = .init()
    ) throws {
        try self.init(sqlite: try HealthStorage(configuration), keys: configuration, issuer: issuer, exposure: exposure)
    }

    /// The services on databases already open, with the signing keys `keys` holds.
    public init(
        sqlite storage: HealthStorage, keys: AppConfiguration.Storage, issuer: AppConfiguration.Issuer = .init(),
        exposure: ExposureConfiguration = .init(), orderPolicy: OrderPolicy = .init()
    ) throws {
        self.init(
            stores: HealthStores(sqlite: storage),
            authority: try CertificateAuthority.load(keys, identity: issuer),
            exposureKeys: try ExposureKeys.load(keys), exposure: exposure, orderPolicy: orderPolicy,
            exportMirror: keys.exportMirrorDirectory)
    }
}
