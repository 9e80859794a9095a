import HealthServices
import PostgresNIO

/// ``CaseTransaction`` on one PostgreSQL transaction: cases, their notes and orders (tables `cases`, `case_notes`,
/// `orders`), and the outbox messages they send.
struct CasePostgresTransaction: CaseTransaction {
    let session: PostgresSession

    static let caseColumns = "id, person_id, onset, state, assigned_to, opened_at, closed_at, result_id, linked_case_id"
    static let orderColumns = """
        id, person_id, case_id, kind, start_date, end_date, state, released_at, release_reason, created_at,
        extended_days, flagged
        """

    static func caseFile(_ row: PostgresRow) throws -> Case {
        let (id, personID, onset, state, assignedTo, openedAt, closedAt, resultID, linkedCaseID) = try row.decode(
            (String, String, CalendarDate, String, String?, Timestamp, Timestamp?, String?, String?).self)
        return Case(
            id: id, personId: personID, onset: onset, state: try Case.State(stored: state),
            assignedTo: assignedTo, openedAt: openedAt, closedAt: closedAt, resultId: resultID,
            linkedCaseId: linkedCaseID)
    }

    static func order(_ row: PostgresRow) throws -> Order {
        let (
            id, personID, caseID, kind, startDate, endDate, state, releasedAt, releaseReason, createdAt, extendedDays,
            flagged
        ) =
            try row.decode(
                (
                    String, String, String, String, CalendarDate, CalendarDate, String, Timestamp?, String?, Timestamp,
                    Int, Bool
                ).self)
        return Order(
            id: id, personId: personID, caseId: caseID, kind: try Order.Kind(stored: kind),
            startDate: startDate, endDate: endDate, state: try Order.State(stored: state),
            releasedAt: releasedAt, releaseReason: releaseReason, createdAt: createdAt, extendedDays: extendedDays,
            flagged: flagged)
    }

    /// In a write, the person's row is locked first (`FOR NO KEY UPDATE`, which bookings' and results' foreign keys
    /// do not wait on), so what a write decides from the person's case and orders (open a case, give a quarantine)
    /// is decided by one write at a time; and the case found stays locked, so it cannot be closed meanwhile.
    func openCase(personID: String) async throws -> Case? {
        if session.isWrite {
            try await session.run("SELECT 1 FROM people WHERE id = \(personID) FOR NO KEY UPDATE")
        }
        return try await session.first(
            """
            SELECT \(unescaped: Self.caseColumns) FROM cases
            WHERE person_id = \(personID) AND state IN ('open', 'isolating')\(unescaped: session.forUpdate)
            """, Self.caseFile)
    }

    /// Locked to the end of a write, so two changes of one case (an operator's and the release job's) run one after
    /// the other, the second on what the first stored.
    func caseFile(id: String) async throws -> Case? {
        try await session.first(
            "SELECT \(unescaped: Self.caseColumns) FROM cases WHERE id = \(id)\(unescaped: session.forUpdate)",
            Self.caseFile)
    }

    func cases(personID: String) async throws -> [Case] {
        try await session.all(
            """
            SELECT \(unescaped: Self.caseColumns) FROM cases WHERE person_id = \(personID)
            ORDER BY opened_at DESC, id DESC
            """, Self.caseFile)
    }

    func cases(state: Case.State?, assignedTo: String?, openedSince: Timestamp?, limit: Int) async throws -> [Case] {
        var builder = PostgresQueryBuilder("SELECT \(Self.caseColumns) FROM cases WHERE true")
        if let state { builder.append(" AND state = ", state.rawValue) }
        if let assignedTo { builder.append(" AND assigned_to = ", assignedTo) }
        if let openedSince { builder.append(" AND opened_at >= ", openedSince) }
        builder.append(" ORDER BY opened_at DESC, id DESC LIMIT ", limit)
        return try await session.all(builder.query, Self.caseFile)
    }

    func insert(_ caseFile: Case) async throws {
        try await session.run(
            """
            INSERT INTO cases (\(unescaped: Self.caseColumns))
            VALUES (\(caseFile.id), \(caseFile.personId), \(caseFile.onset), \(caseFile.state.rawValue),
                \(caseFile.assignedTo), \(caseFile.openedAt), \(caseFile.closedAt), \(caseFile.resultId),
                \(caseFile.linkedCaseId))
            """)
    }

    func update(_ caseFile: Case) async throws {
        try await session.run(
            """
            UPDATE cases SET onset = \(caseFile.onset), state = \(caseFile.state.rawValue),
                assigned_to = \(caseFile.assignedTo), closed_at = \(caseFile.closedAt)
            WHERE id = \(caseFile.id)
            """)
    }

    func insert(_ note: CaseNote) async throws {
        try await session.run(
            """
            INSERT INTO case_notes (case_id, author, body, created_at)
            VALUES (\(note.caseId), \(note.author), \(note.text), \(note.createdAt))
            """)
    }

    func notes(caseID: String) async throws -> [CaseNote] {
        try await session.all(
            "SELECT case_id, author, body, created_at FROM case_notes WHERE case_id = \(caseID) ORDER BY id"
        ) { row in
            let (caseID, author, text, createdAt) = try row.decode((String, String, String, Timestamp).self)
            return CaseNote(caseId: caseID, author: author, text: text, createdAt: createdAt)
        }
    }

    func insert(_ order: Order) async throws {
        try await session.run(
            """
            INSERT INTO orders (\(unescaped: Self.orderColumns))
            VALUES (\(order.id), \(order.personId), \(order.caseId), \(order.kind.rawValue), \(order.startDate),
                \(order.endDate), \(order.state.rawValue), \(order.releasedAt), \(order.releaseReason),
                \(order.createdAt), \(order.extendedDays), \(order.flagged))
            """)
    }

    /// In a write the orders stay locked to the end, as a closing case's are (``heldOrders(caseID:)``): a contact
    /// given a quarantine that runs and the close of the case that ordered it each wait for the other, so the close
    /// sees the new contact (and hands the quarantine on) or the contact sees the release (and gets one of its own).
    /// `NO KEY UPDATE` leaves the orders free for the key-share locks of check-ins' foreign keys.
    func orders(ofPeople personIDs: [String]) async throws -> [Order] {
        guard !personIDs.isEmpty else { return [] }
        guard session.isWrite else { return try await session.all(OrdersOfPeople.self, personIDs, row: Self.order) }
        return try await session.all(HeldOrdersOfPeople.self, personIDs, row: Self.order)
    }

    /// Read, held, for every negative PCR result (the early release rule): prepared once per connection.
    enum OrdersOfPeople: PreparedSQL {
        static let sql = """
            SELECT \(CasePostgresTransaction.orderColumns) FROM orders WHERE person_id = ANY($1)
            ORDER BY start_date DESC, id
            """
    }

    enum HeldOrdersOfPeople: PreparedSQL {
        static let sql = OrdersOfPeople.sql + " FOR NO KEY UPDATE"
    }

    func orders(caseID: String) async throws -> [Order] {
        try await session.all(
            "SELECT \(unescaped: Self.orderColumns) FROM orders WHERE case_id = \(caseID) ORDER BY start_date, id",
            Self.order)
    }

    func heldOrders(caseID: String) async throws -> [Order] {
        try await session.all(
            """
            SELECT \(unescaped: Self.orderColumns) FROM orders WHERE case_id = \(caseID) ORDER BY start_date, id
            FOR NO KEY UPDATE
            """, Self.order)
    }

    func activeOrders(endingBy date: CalendarDate, limit: Int) async throws -> [Order] {
        try await session.all(
            """
            SELECT \(unescaped: Self.orderColumns) FROM orders WHERE state = 'active' AND end_date <= \(date)
            ORDER BY end_date, id LIMIT \(limit)
            """, Self.order)
    }

    func release(orderID: String, reason: String, at now: Timestamp) async throws -> Bool {
        try await session.run(
            """
            UPDATE orders SET state = 'released', released_at = \(now), release_reason = \(reason)
            WHERE id = \(orderID) AND state = 'active' RETURNING 1
            """) == 1
    }

    func releaseAsRead(_ order: Order, reason: String, at now: Timestamp) async throws -> Bool {
        try await session.run(
            """
            UPDATE orders SET state = 'released', released_at = \(now), release_reason = \(reason)
            WHERE id = \(order.id) AND state = 'active' AND end_date = \(order.endDate)
                AND extended_days = \(order.extendedDays)
            RETURNING 1
            """) == 1
    }

    /// Locked to the end of a write (`FOR UPDATE`, which a check-in's foreign key waits on), so a check-in and the
    /// release of the order run one after the other.
    func order(id: String) async throws -> Order? {
        try await session.first(
            "SELECT \(unescaped: Self.orderColumns) FROM orders WHERE id = \(id)\(unescaped: session.forUpdate)",
            Self.order)
    }

    func move(orderID: String, toCase caseID: String, endDate: CalendarDate) async throws -> Bool {
        try await session.run(
            """
            UPDATE orders SET case_id = \(caseID), end_date = \(endDate) WHERE id = \(orderID) AND state = 'active'
            RETURNING 1
            """) == 1
    }

    func reinstate(orderID: String, releasedFor reason: String) async throws -> Bool {
        try await session.run(
            """
            UPDATE orders SET state = 'active', released_at = NULL, release_reason = NULL
            WHERE id = \(orderID) AND state = 'released' AND release_reason = \(reason) RETURNING 1
            """) == 1
    }

    func `continue`(orderID: String, releasedFor reason: String, as continuation: Order) async throws -> Bool {
        guard
            try await session.run(
                """
                UPDATE orders SET release_reason = 'continued'
                WHERE id = \(orderID) AND state = 'released' AND release_reason = \(reason) RETURNING 1
                """) == 1
        else { return false }
        try await insert(continuation)
        try await session.run("UPDATE contacts SET order_id = \(continuation.id) WHERE order_id = \(orderID)")
        return true
    }

    func changeReleaseReason(orderID: String, from previous: String, to reason: String) async throws -> Bool {
        try await session.run(
            """
            UPDATE orders SET release_reason = \(reason)
            WHERE id = \(orderID) AND state = 'released' AND release_reason = \(previous) RETURNING 1
            """) == 1
    }

    func extend(_ order: Order, until endDate: CalendarDate) async throws -> Bool {
        try await session.run(
            """
            UPDATE orders SET end_date = \(endDate), extended_days = extended_days + 1, flagged = true
            WHERE id = \(order.id) AND state = 'active' AND end_date = \(order.endDate)
                AND extended_days = \(order.extendedDays)
            RETURNING 1
            """) == 1
    }

    func insert(_ checkIn: CheckIn) async throws -> Bool {
        try await session.run(
            """
            INSERT INTO check_ins (order_id, day, symptoms, temperature, created_at)
            VALUES (\(checkIn.orderId), \(checkIn.day), \(checkIn.symptoms.joined(separator: ",")),
                \(checkIn.temperature), \(checkIn.createdAt))
            ON CONFLICT (order_id, day) DO NOTHING RETURNING 1
            """) == 1
    }

    func checkIns(orderID: String) async throws -> [CheckIn] {
        try await session.all(
            """
            SELECT order_id, day, symptoms, temperature, created_at FROM check_ins WHERE order_id = \(orderID)
            ORDER BY day
            """
        ) { row in
            let (orderID, day, symptoms, temperature, createdAt) = try row.decode(
                (String, CalendarDate, String, Double?, Timestamp).self)
            return CheckIn(
                orderId: orderID, day: day, symptoms: symptoms.split(separator: ",").map(String.init),
                temperature: temperature, createdAt: createdAt)
        }
    }

    func ordersMissingCheckIn(on day: CalendarDate, limit: Int) async throws -> [Order] {
        try await session.all(
            """
            SELECT \(unescaped: Self.orderColumns) FROM orders o
            WHERE o.start_date <= \(day) AND o.end_date > \(day)
              AND o.created_at < \(Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)))
              AND (o.released_at IS NULL
                OR o.released_at >= \(Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1))))
              AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.order_id = o.id AND c.day = \(day))
            ORDER BY o.start_date, o.id LIMIT \(limit)
            """, Self.order)
    }

    func enqueue(_ message: OutboxMessage) async throws {
        try await session.enqueue(message)
    }
}
