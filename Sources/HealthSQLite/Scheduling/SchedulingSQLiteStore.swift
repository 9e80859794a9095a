public import HealthServices

/// Scheduling storage in `health.sqlite`: tables `care_services`, `centres`, `centre_services`, `slots`.
public struct SchedulingSQLiteStore: SchedulingStore {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T)
        async throws -> T
    {
        try await database.read { try await body(SchedulingSQLiteTransaction(connection: $0)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SchedulingTransaction) async throws -> T)
        async throws
        -> T
    {
        try await database.groupedWrite { try await body(SchedulingSQLiteTransaction(connection: $0)) }
    }
}

/// ``SchedulingTransaction`` over one connection inside the database actor.
struct SchedulingSQLiteTransaction: SchedulingTransaction {
    let connection: SQLiteConnection

    static let serviceColumns = "id, name, kind, product_code, minimum_days_between_doses"

    static func careService(_ row: SQLiteRow) throws -> CareService {
        guard let kind = CareService.Kind(rawValue: try row.get(2)) else {
            throw SQLiteError.misuse("unknown service kind")
        }
        return CareService(
            id: try row.get(0), name: try row.get(1), kind: kind, productCode: try row.get(3),
            minimumDaysBetweenDoses: try row.get(4)
        )
    }

    func careServices() throws -> [CareService] {
        try connection.query(
            "SELECT \(Self.serviceColumns) FROM care_services ORDER BY kind, id", row: Self.careService)
    }

    func careService(id: String) throws -> CareService? {
        try connection.queryFirst(
            "SELECT \(Self.serviceColumns) FROM care_services WHERE id = ?", id, row: Self.careService)
    }

    func insert(_ service: CareService, at now: Timestamp) throws {
        try connection.run(
            "INSERT INTO care_services (\(Self.serviceColumns), created_at) VALUES (?, ?, ?, ?, ?, ?)",
            service.id, service.name, service.kind.rawValue, service.productCode, service.minimumDaysBetweenDoses, now
        )
    }

    func centres() throws -> [Centre] {
        let offered = try connection.query(
            "SELECT centre_id, service_id FROM centre_services ORDER BY centre_id, service_id"
        ) { row in
            (try row.get(0, as: String.self), try row.get(1, as: String.self))
        }
        let services = Dictionary(grouping: offered, by: \.0).mapValues { $0.map(\.1) }
        return try connection.query("SELECT id, name, area, created_at FROM centres ORDER BY area, name, id") { row in
            let id: String = try row.get(0)
            return Centre(
                id: id, name: try row.get(1), area: try row.get(2), services: services[id] ?? [],
                createdAt: try row.get(3))
        }
    }

    func centre(id: String) throws -> Centre? {
        let services = try connection.query(
            "SELECT service_id FROM centre_services WHERE centre_id = ? ORDER BY service_id", id
        ) {
            try $0.get(0, as: String.self)
        }
        return try connection.queryFirst("SELECT id, name, area, created_at FROM centres WHERE id = ?", id) { row in
            Centre(
                id: try row.get(0), name: try row.get(1), area: try row.get(2), services: services,
                createdAt: try row.get(3))
        }
    }

    func insert(_ centre: Centre) throws {
        try connection.run(
            "INSERT INTO centres (id, name, area, created_at) VALUES (?, ?, ?, ?)", centre.id, centre.name, centre.area,
            centre.createdAt
        )
        for service in centre.services {
            try connection.run("INSERT INTO centre_services (centre_id, service_id) VALUES (?, ?)", centre.id, service)
        }
    }

    func insertIfAbsent(_ slot: Slot, at now: Timestamp) throws -> Bool {
        try connection.run(
            """
            INSERT INTO slots (id, centre_id, service_id, starts_at, duration_minutes, capacity, booked, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (centre_id, service_id, starts_at) DO NOTHING
            """,
            slot.id, slot.centreId, slot.service, slot.start, slot.durationMinutes, slot.capacity, now
        ) == 1
    }

    static let slotColumns =
        "s.id, s.centre_id, s.service_id, s.starts_at, s.duration_minutes, s.capacity, s.capacity - s.booked"

    static func slot(_ row: SQLiteRow) throws -> Slot {
        Slot(
            id: try row.get(0), centreId: try row.get(1), service: try row.get(2), start: try row.get(3),
            durationMinutes: try row.get(4), capacity: try row.get(5), remaining: try row.get(6)
        )
    }

    func slot(id: String) throws -> Slot? {
        try connection.queryFirst("SELECT \(Self.slotColumns) FROM slots s WHERE s.id = ?", id, row: Self.slot)
    }

    func slots(matching query: SlotQuery) throws -> SlotList {
        var sql = "SELECT \(Self.slotColumns) FROM slots s"
        var arguments: [any SQLiteValueConvertible] = []
        if let area = query.area {
            sql += " JOIN centres c ON c.id = s.centre_id AND c.area = ? COLLATE NOCASE"
            arguments.append(area)
        }
        sql += " WHERE s.starts_at >= ? AND s.starts_at < ?"
        arguments += [query.from, query.to]
        if let service = query.service {
            sql += " AND s.service_id = ?"
            arguments.append(service)
        }
        if let centre = query.centreId {
            sql += " AND s.centre_id = ?"
            arguments.append(centre)
        }
        if !query.includeFull { sql += " AND s.booked < s.capacity" }
        // The contract's order is by start, then id. The indexes give rows by start alone, so SQLite would sort
        // every search (it doubled the cost of one); instead rows are read in start order until the limit is
        // reached and the start moves on, and the slots sharing a start are put in id order here.
        sql += " ORDER BY s.starts_at"
        var slots = SlotList()
        slots.reserveCapacity(max(0, min(query.limit, 100)) + 1)
        try connection.forEachRow(sql, arguments: arguments) { row in
            let start: Timestamp = try row.get(3)
            let previous = slots.entries.last
            if slots.count >= query.limit, let previous, start != previous.start { return false }
            let id = try row.text(0) { slots.store($0, reusing: nil) }
            let centreId = try row.text(1) { slots.store($0, reusing: previous?.centreId) }
            let service = try row.text(2) { slots.store($0, reusing: previous?.service) }
            slots.append(
                SlotList.Entry(
                    id: id, centreId: centreId, service: service, start: start, durationMinutes: try row.get(4),
                    capacity: try row.get(5), remaining: try row.get(6)))
            return true
        }
        slots.sortByStartAndID(keepingFirst: query.limit)
        return slots
    }

    func append(_ event: AuditEvent, at now: Timestamp) throws {
        try AuditSQLiteWriter.append(event, at: now, on: connection)
    }
}
