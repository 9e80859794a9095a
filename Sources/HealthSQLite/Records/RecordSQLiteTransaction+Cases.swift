import HealthServices

/// Cases, their notes and orders (tables `cases`, `case_notes`, `orders`), and the outbox messages they send.
extension RecordSQLiteTransaction {
    static let caseColumns = "id, person_id, onset, state, assigned_to, opened_at, closed_at, result_id"
    static let orderColumns = """
        id, person_id, case_id, kind, start_date, end_date, state, released_at, release_reason, created_at
        """

    static func caseFile(_ row: SQLiteRow) throws -> Case {
        Case(
            id: try row.get(0), personId: try row.get(1), onset: try row.get(2), state: try row.get(3),
            assignedTo: try row.get(4), openedAt: try row.get(5), closedAt: try row.get(6), resultId: try row.get(7))
    }

    static func order(_ row: SQLiteRow) throws -> Order {
        Order(
            id: try row.get(0), personId: try row.get(1), caseId: try row.get(2), kind: try row.get(3),
            startDate: try row.get(4), endDate: try row.get(5), state: try row.get(6), releasedAt: try row.get(7),
            releaseReason: try row.get(8), createdAt: try row.get(9))
    }

    func openCase(personID: String) throws -> Case? {
        try connection.queryFirst(
            "SELECT \(Self.caseColumns) FROM cases WHERE person_id = ? AND state IN ('open', 'isolating')", personID,
            row: Self.caseFile)
    }

    func caseFile(id: String) throws -> Case? {
        try connection.queryFirst("SELECT \(Self.caseColumns) FROM cases WHERE id = ?", id, row: Self.caseFile)
    }

    func cases(state: Case.State?, assignedTo: String?, openedSince: Timestamp?, limit: Int) throws -> [Case] {
        var conditions: [String] = []
        var arguments: [any SQLiteValueConvertible] = []
        if let state {
            conditions.append("state = ?")
            arguments.append(state.rawValue)
        }
        if let assignedTo {
            conditions.append("assigned_to = ?")
            arguments.append(assignedTo)
        }
        if let openedSince {
            conditions.append("opened_at >= ?")
            arguments.append(openedSince)
        }
        arguments.append(limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try connection.query(
            "SELECT \(Self.caseColumns) FROM cases \(filter) ORDER BY opened_at DESC, id DESC LIMIT ?",
            arguments: arguments, row: Self.caseFile)
    }

    func insert(_ caseFile: Case) throws {
        try connection.run(
            "INSERT INTO cases (\(Self.caseColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", caseFile.id, caseFile.personId,
            caseFile.onset, caseFile.state.rawValue, caseFile.assignedTo, caseFile.openedAt, caseFile.closedAt,
            caseFile.resultId)
    }

    func update(_ caseFile: Case) throws {
        try connection.run(
            "UPDATE cases SET state = ?, assigned_to = ?, closed_at = ? WHERE id = ?", caseFile.state.rawValue,
            caseFile.assignedTo, caseFile.closedAt, caseFile.id)
    }

    func insert(_ note: CaseNote) throws {
        try connection.run(
            "INSERT INTO case_notes (case_id, author, body, created_at) VALUES (?, ?, ?, ?)", note.caseId, note.author,
            note.text, note.createdAt)
    }

    func notes(caseID: String) throws -> [CaseNote] {
        try connection.query(
            "SELECT case_id, author, body, created_at FROM case_notes WHERE case_id = ? ORDER BY id", caseID
        ) { row in
            CaseNote(caseId: try row.get(0), author: try row.get(1), text: try row.get(2), createdAt: try row.get(3))
        }
    }

    func insert(_ order: Order) throws {
        try connection.run(
            "INSERT INTO orders (\(Self.orderColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", order.id, order.personId,
            order.caseId, order.kind.rawValue, order.startDate, order.endDate, order.state.rawValue, order.releasedAt,
            order.releaseReason, order.createdAt)
    }

    func orders(ofPeople personIDs: [String]) throws -> [Order] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.orderColumns) FROM orders WHERE person_id IN (\(Self.placeholders(personIDs.count)))
            ORDER BY start_date DESC, id
            """,
            arguments: personIDs, row: Self.order)
    }

    func orders(caseID: String) throws -> [Order] {
        try connection.query(
            "SELECT \(Self.orderColumns) FROM orders WHERE case_id = ? ORDER BY start_date, id", caseID,
            row: Self.order)
    }

    func activeOrders(endingBy date: CalendarDate, limit: Int) throws -> [Order] {
        try connection.query(
            """
            SELECT \(Self.orderColumns) FROM orders WHERE state = 'active' AND end_date <= ?
            ORDER BY end_date, id LIMIT ?
            """, date, limit, row: Self.order)
    }

    func release(orderID: String, reason: String, at now: Timestamp) throws -> Bool {
        try connection.run(
            """
            UPDATE orders SET state = 'released', released_at = ?, release_reason = ?
            WHERE id = ? AND state = 'active'
            """, now, reason, orderID) == 1
    }

    func enqueue(_ message: OutboxMessage) throws {
        try connection.run(
            "INSERT INTO outbox (recipient, body, code, created_at) VALUES (?, ?, ?, ?)", message.to, message.text,
            message.code, message.createdAt)
    }
}
