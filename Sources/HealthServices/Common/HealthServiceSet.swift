public import Foundation

/// Every service of the application over one set of stores: what the HTTP controllers and healthctl call.
public struct HealthServiceSet: Sendable {
    public let stores: HealthStores
    public let accounts: AccountService
    public let access: AccessService
    public let scheduling: SchedulingService
    public let appointments: AppointmentService
    public let outbox: OutboxService
    public let audit: AuditService
    public let results: ResultService
    public let vaccinations: VaccinationService
    public let certificates: CertificateService
    public let borderLists: BorderListService
    public let passportNames: PassportNameService
    public let cases: CaseService
    public let orders: OrderService
    public let statistics: StatisticsService
    public let status: StatusService
    public let exposureVerification: ExposureVerificationService
    /// The key server's keys, as last read.
    public var exposureKeys: ExposureKeyRing { exposureKeySource.current }
    let exposureKeySource: ExposureKeys
    public let exposureExports: ExposureExportService
    public let exposureStatistics: ExposureStatisticsService
    package let exposureUploads: ExposureUploadService
    public let retention: RetentionService

    /// Builds the services on `stores`; one-time codes go to the outbox, certificates are signed by `authority`,
    /// key exports and verification certificates by `exposureKeys`; export files are also mirrored as plain
    /// files into `exportMirror` when one is given.
    public init(
        stores: HealthStores, authority: CertificateAuthority, exposureKeys: ExposureKeys,
        exposure: ExposureConfiguration = .init(), orderPolicy: OrderPolicy = .init(), exportMirror: URL? = nil,
        clock: WallClock = .system
    ) {
        self.stores = stores
        accounts = AccountService(store: stores.identity, clock: clock)
        access = AccessService(store: stores.identity, clock: clock)
        scheduling = SchedulingService(store: stores.scheduling, clock: clock)
        appointments = AppointmentService(store: stores.appointments, clock: clock)
        outbox = OutboxService(store: stores.outbox)
        audit = AuditService(store: stores.audit)
        cases = CaseService(store: stores.records, policy: orderPolicy, clock: clock)
        orders = OrderService(store: stores.records, policy: orderPolicy, clock: clock)
        statistics = StatisticsService(store: stores.statistics, exposure: stores.exposure, clock: clock)
        vaccinations = VaccinationService(store: stores.records, authority: authority, clock: clock)
        borderLists = BorderListService(store: stores.border, authority: authority, clock: clock)
        results = ResultService(
            store: stores.records, authority: authority, borderLists: borderLists,
            codeKeys: exposureKeys.current.codeKeys, policy: orderPolicy, clock: clock)
        certificates = CertificateService(
            store: stores.records, authority: authority, borderLists: borderLists, clock: clock)
        passportNames = PassportNameService(
            store: stores.records, authority: authority, borderLists: borderLists, clock: clock)
        status = StatusService(store: stores.records, policy: orderPolicy, clock: clock)
        exposureVerification = ExposureVerificationService(
            store: stores.records, keys: exposureKeys.current.codeKeys, clock: clock)
        exposureKeySource = exposureKeys
        exposureExports = ExposureExportService(
            store: stores.exposure, keys: exposureKeys, configuration: exposure, mirrorDirectory: exportMirror)
        exposureStatistics = ExposureStatisticsService(records: stores.records, store: stores.exposure)
        retention = RetentionService(store: stores.retention, exposure: stores.exposure, clock: clock)
        exposureUploads = ExposureUploadService(
            codes: exposureVerification, store: stores.exposure, keys: exposureKeys, configuration: exposure,
            clock: clock)
    }
}
