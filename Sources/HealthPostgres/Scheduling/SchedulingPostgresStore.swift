public import HealthServices
import PostgresNIO

/// Scheduling storage in the PostgreSQL health database: tables `care_services`, `centres`, `centre_services`,
/// `slots`.
public struct SchedulingPostgresStore: SchedulingStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T)
        async throws -> T
    {
        try await database.read { try await body(SchedulingPostgresTransaction(session: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T)
        async throws -> T
    {
        try await database.write { try await body(SchedulingPostgresTransaction(session: $0)) }
    }
}

/// ``SchedulingTransaction`` over one PostgreSQL transaction. A slot is unique per centre, service and start, so
/// `insertIfAbsent` from two writers inserts it once (`ON CONFLICT DO NOTHING`).
struct SchedulingPostgresTransaction: SchedulingTransaction {
    let session: PostgresSession

    static let serviceColumns = "id, name, kind, product_code, minimum_days_between_doses"

    static func careService(_ row: PostgresRow) throws -> CareService {
        let (id, name, kindName, productCode, minimumDays) = try row.decode(
            (String, String, String, String?, Int?).self)
        guard let kind = CareService.Kind(rawValue: kindName) else { throw StoreError("unknown service kind") }
        return CareService(
            id: id, name: name, kind: kind, productCode: productCode, minimumDaysBetweenDoses: minimumDays)
    }

    func careServices() async throws -> [CareService] {
        try await session.all(
            "SELECT \(unescaped: Self.serviceColumns) FROM care_services ORDER BY kind, id", Self.careService)
    }

    func careService(id: String) async throws -> CareService? {
        try await session.first(SQL.CareServiceByID.self, id, row: Self.careService)
    }

    func insert(_ service: CareService, at now: Timestamp) async throws {
        try await session.run(
            """
            INSERT INTO care_services (\(unescaped: Self.serviceColumns), created_at)
            VALUES (\(service.id), \(service.name), \(service.kind.rawValue), \(service.productCode),
                \(service.minimumDaysBetweenDoses), \(now))
            """)
    }

    func centres() async throws -> [Centre] {
        let offered = try await session.all(
            "SELECT centre_id, service_id FROM centre_services ORDER BY centre_id, service_id"
        ) { try $0.decode((String, String).self) }
        let services = Dictionary(grouping: offered, by: \.0).mapValues { $0.map(\.1) }
        // Byte order, as on SQLite, whatever the cluster's locale ("Central" before "capital").
        return try await session.all(
            "SELECT id, name, area, created_at FROM centres ORDER BY area COLLATE \"C\", name COLLATE \"C\", id"
        ) { row in
            let (id, name, area, createdAt) = try row.decode((String, String, String, Timestamp).self)
            return Centre(id: id, name: name, area: area, services: services[id] ?? [], createdAt: createdAt)
        }
    }

    func centre(id: String) async throws -> Centre? {
        let services = try await session.all(
            "SELECT service_id FROM centre_services WHERE centre_id = \(id) ORDER BY service_id"
        ) { try $0.decode(String.self) }
        return try await session.first("SELECT id, name, area, created_at FROM centres WHERE id = \(id)") { row in
            let (id, name, area, createdAt) = try row.decode((String, String, String, Timestamp).self)
            return Centre(id: id, name: name, area: area, services: services, createdAt: createdAt)
        }
    }

    func insert(_ centre: Centre) async throws {
        try await session.run(
            """
            INSERT INTO centres (id, name, area, created_at)
            VALUES (\(centre.id), \(centre.name), \(centre.area), \(centre.createdAt))
            """)
        for service in centre.services {
            try await session.run(
                "INSERT INTO centre_services (centre_id, service_id) VALUES (\(centre.id), \(service))")
        }
    }

    func insertIfAbsent(_ slot: Slot, at now: Timestamp) async throws -> Bool {
        try await session.run(
            """
            INSERT INTO slots (id, centre_id, service_id, starts_at, duration_minutes, capacity, booked, created_at)
            VALUES (\(slot.id), \(slot.centreId), \(slot.service), \(slot.start), \(slot.durationMinutes),
                \(slot.capacity), 0, \(now))
            ON CONFLICT (centre_id, service_id, starts_at) DO NOTHING RETURNING 1
            """) == 1
    }

    static let slotColumns =
        "s.id, s.centre_id, s.service_id, s.starts_at, s.duration_minutes, s.capacity, s.capacity - s.booked"

    /// The slot of a row that selects ``slotColumns`` alone.
    static func slot(_ row: PostgresRow) throws -> Slot {
        var cells = PostgresCellReader(row)
        guard let slot = try slot(&cells) else { throw StoreError("a slot row without an id") }
        try cells.end()
        return slot
    }

    /// The slot whose ``slotColumns`` come next in `cells`; nil when its id is NULL (an outer join found none).
    static func slot(_ cells: inout PostgresCellReader) throws -> Slot? {
        let id: String? = try cells.next()
        let centreID: String? = try cells.next()
        let service: String? = try cells.next()
        let start: Timestamp? = try cells.next()
        let duration: Int? = try cells.next()
        let capacity: Int? = try cells.next()
        let remaining: Int? = try cells.next()
        guard let id else { return nil }
        guard let centreID, let service, let start, let duration, let capacity, let remaining else {
            throw StoreError("a slot row with a NULL column")
        }
        return Slot(
            id: id, centreId: centreID, service: service, start: start, durationMinutes: duration, capacity: capacity,
            remaining: remaining)
    }

    func slot(id: String) async throws -> Slot? {
        try await session.first(SQL.SlotByID.self, id, row: Self.slot)
    }

    func slots(matching query: SlotQuery) async throws -> SlotList {
        var builder = PostgresQueryBuilder("SELECT \(Self.slotColumns) FROM slots s")
        if let area = query.area {
            // ASCII letters only, as SQLite's NOCASE: lower() follows the cluster's locale unless told "C".
            builder.append(
                " JOIN centres c ON c.id = s.centre_id AND lower(c.area COLLATE \"C\") = lower(CAST(", area,
                " AS text) COLLATE \"C\")")
        }
        builder.append(" WHERE s.starts_at >= ", query.from)
        builder.append(" AND s.starts_at < ", query.to)
        if let service = query.service { builder.append(" AND s.service_id = ", service) }
        if let centre = query.centreId { builder.append(" AND s.centre_id = ", centre) }
        if !query.includeFull { builder.append(" AND s.booked < s.capacity") }
        builder.append(" ORDER BY s.starts_at, s.id LIMIT ", max(0, query.limit))
        return SlotList(try await session.all(builder.query, Self.slot))
    }

    func append(_ event: AuditEvent, at now: Timestamp) async throws {
        try await AuditPostgresWriter.append(event, at: now, on: session)
    }
}

extension SchedulingPostgresTransaction {
    /// Lookups by id that rescheduling and recording doses make, prepared once per connection.
    enum SQL {
        enum CareServiceByID: PreparedSQL {
            static let sql = "SELECT \(SchedulingPostgresTransaction.serviceColumns) FROM care_services WHERE id = $1"
        }
        enum SlotByID: PreparedSQL {
            static let sql = "SELECT \(SchedulingPostgresTransaction.slotColumns) FROM slots s WHERE s.id = $1"
        }
    }
}
