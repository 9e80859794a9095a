public import HealthServices

extension HealthServiceSet {
    /// The services of a deployment on PostgreSQL (its pools running, its schemas migrated), signing with the
    /// keys of `keys` (the data directory, where keys stay whatever the database).
    public init(
        postgres storage: PostgresStorage, keys: AppConfiguration.Storage, issuer: AppConfiguration.Issuer = .init(),
        exposure: ExposureConfiguration = .init(), orderPolicy: OrderPolicy = .init()
    ) throws {
        self.init(
            stores: HealthStores(postgres: storage),
            authority: try CertificateAuthority.load(keys, identity: issuer),
            exposureKeys: try ExposureKeys.load(keys), exposure: exposure, orderPolicy: orderPolicy,
            exportMirror: keys.exportMirrorDirectory)
    }
}
