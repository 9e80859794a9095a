import HealthServices

/// ``CaseTransaction`` on one connection: cases, their notes and orders (tables `cases`, `case_notes`,
/// `orders`), and the outbox messages they send.
struct CaseSQLiteTransaction: CaseTransaction {
    let connection: SQLiteConnection

    static let caseColumns = "id, person_id, onset, state, assigned_to, opened_at, closed_at, result_id, linked_case_id"
    static let orderColumns = """
        id, person_id, case_id, kind, start_date, end_date, state, released_at, release_reason, created_at,
        extended_days, flagged
        """

    static func caseFile(_ row: SQLiteRow) throws -> Case {
        Case(
            id: try row.get(0), personId: try row.get(1), onset: try row.get(2), state: try row.get(3),
            assignedTo: try row.get(4), openedAt: try row.get(5), closedAt: try row.get(6), resultId: try row.get(7),
            linkedCaseId: try row.get(8))
    }

    static func order(_ row: SQLiteRow) throws -> Order {
        Order(
            id: try row.get(0), personId: try row.get(1), caseId: try row.get(2), kind: try row.get(3),
            startDate: try row.get(4), endDate: try row.get(5), state: try row.get(6), releasedAt: try row.get(7),
            releaseReason: try row.get(8), createdAt: try row.get(9), extendedDays: try row.get(10),
            flagged: (try row.get(11) as Int) != 0)
    }

    func openCase(personID: String) throws -> Case? {
        try connection.queryFirst(
            "SELECT \(Self.caseColumns) FROM cases WHERE person_id = ? AND state IN ('open', 'isolating')", personID,
            row: Self.caseFile)
    }

    func caseFile(id: String) throws -> Case? {
        try connection.queryFirst("SELECT \(Self.caseColumns) FROM cases WHERE id = ?", id, row: Self.caseFile)
    }

    func cases(personID: String) throws -> [Case] {
        try connection.query(
            "SELECT \(Self.caseColumns) FROM cases WHERE person_id = ? ORDER BY opened_at DESC, id DESC", personID,
            row: Self.caseFile)
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
            "INSERT INTO cases (\(Self.caseColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", caseFile.id,
            caseFile.personId, caseFile.onset, caseFile.state.rawValue, caseFile.assignedTo, caseFile.openedAt,
            caseFile.closedAt, caseFile.resultId, caseFile.linkedCaseId)
    }

    func update(_ caseFile: Case) throws {
        try connection.run(
            "UPDATE cases SET onset = ?, state = ?, assigned_to = ?, closed_at = ? WHERE id = ?", caseFile.onset,
            caseFile.state.rawValue, caseFile.assignedTo, caseFile.closedAt, caseFile.id)
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
            "INSERT INTO orders (\(Self.orderColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", order.id,
            order.personId, order.caseId, order.kind.rawValue, order.startDate, order.endDate, order.state.rawValue,
            order.releasedAt, order.releaseReason, order.createdAt, order.extendedDays, order.flagged ? 1 : 0)
    }

    func orders(ofPeople personIDs: [String]) throws -> [Order] {
        guard !personIDs.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT \(Self.orderColumns) FROM orders WHERE person_id IN (\(SQLiteConnection.placeholders(personIDs.count)))
            ORDER BY start_date DESC, id
            """,
            arguments: personIDs, row: Self.order)
    }

    func orders(caseID: String) throws -> [Order] {
        try connection.query(
            "SELECT \(Self.orderColumns) FROM orders WHERE case_id = ? ORDER BY start_date, id", caseID,
            row: Self.order)
    }

    /// ``orders(caseID:)``: SQLite runs one write at a time, so nothing else changes them before this one ends.
    func heldOrders(caseID: String) throws -> [Order] { try orders(caseID: caseID) }

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

    func releaseAsRead(_ order: Order, reason: String, at now: Timestamp) throws -> Bool {
        try connection.run(
            """
            UPDATE orders SET state = 'released', released_at = ?, release_reason = ?
            WHERE id = ? AND state = 'active' AND end_date = ? AND extended_days = ?
            """, now, reason, order.id, order.endDate, order.extendedDays) == 1
    }

    func order(id: String) throws -> Order? {
        try connection.queryFirst("SELECT \(Self.orderColumns) FROM orders WHERE id = ?", id, row: Self.order)
    }

    func move(orderID: String, toCase caseID: String, endDate: CalendarDate) throws -> Bool {
        try connection.run(
            "UPDATE orders SET case_id = ?, end_date = ? WHERE id = ? AND state = 'active'", caseID, endDate, orderID)
            == 1
    }

    func reinstate(orderID: String, releasedFor reason: String) throws -> Bool {
        try connection.run(
            """
            UPDATE orders SET state = 'active', released_at = NULL, release_reason = NULL
            WHERE id = ? AND state = 'released' AND release_reason = ?
            """, orderID, reason) == 1
    }

    func `continue`(orderID: String, releasedFor reason: String, as continuation: Order) throws -> Bool {
        guard
            try connection.run(
                """
                UPDATE orders SET release_reason = 'continued'
                WHERE id = ? AND state = 'released' AND release_reason = ?
                """, orderID, reason) == 1
        else { return false }
        try insert(continuation)
        try connection.run("UPDATE contacts SET order_id = ? WHERE order_id = ?", continuation.id, orderID)
        return true
    }

    func changeReleaseReason(orderID: String, from previous: String, to reason: String) throws -> Bool {
        try connection.run(
            "UPDATE orders SET release_reason = ? WHERE id = ? AND state = 'released' AND release_reason = ?", reason,
            orderID, previous) == 1
    }

    func extend(_ order: Order, until endDate: CalendarDate) throws -> Bool {
        try connection.run(
            """
            UPDATE orders SET end_date = ?, extended_days = extended_days + 1, flagged = 1
            WHERE id = ? AND state = 'active' AND end_date = ? AND extended_days = ?
            """, endDate, order.id, order.endDate, order.extendedDays) == 1
    }

    static let contactColumns = """
        id, case_id, name, phone, national_id, person_id, last_contact, setting, order_id, added_by, created_at
        """

    static func contact(_ row: SQLiteRow) throws -> Contact {
        Contact(
            id: try row.get(0), caseId: try row.get(1), name: try row.get(2), phone: try row.get(3),
            nationalId: try row.get(4), personId: try row.get(5), lastContact: try row.get(6), setting: try row.get(7),
            orderId: try row.get(8), addedBy: try row.get(9), createdAt: try row.get(10))
    }

    func insert(_ contact: Contact) throws {
        try connection.run(
            "INSERT INTO contacts (\(Self.contactColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", contact.id,
            contact.caseId, contact.name, contact.phone, contact.nationalId, contact.personId, contact.lastContact,
            contact.setting, contact.orderId, contact.addedBy, contact.createdAt)
    }

    func contacts(caseID: String) throws -> [Contact] {
        try connection.query(
            "SELECT \(Self.contactColumns) FROM contacts WHERE case_id = ? ORDER BY created_at, id", caseID,
            row: Self.contact)
    }

    func contacts(orderID: String) throws -> [Contact] {
        try connection.query(
            "SELECT \(Self.contactColumns) FROM contacts WHERE order_id = ? ORDER BY created_at, id", orderID,
            row: Self.contact)
    }

    func pendingContacts(limit: Int) throws -> [Contact] {
        try connection.query(
            """
            SELECT \(Self.contactColumns) FROM contacts
            WHERE person_id IS NULL AND case_id IN (SELECT id FROM cases WHERE state IN ('open', 'isolating'))
            ORDER BY created_at, id LIMIT ?
            """, limit, row: Self.contact)
    }

    func insert(_ checkIn: CheckIn) throws -> Bool {
        try connection.run(
            """
            INSERT INTO check_ins (order_id, day, symptoms, temperature, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (order_id, day) DO NOTHING
            """, checkIn.orderId, checkIn.day, checkIn.symptoms.joined(separator: ","), checkIn.temperature,
            checkIn.createdAt) == 1
    }

    func checkIns(orderID: String) throws -> [CheckIn] {
        try connection.query(
            "SELECT order_id, day, symptoms, temperature, created_at FROM check_ins WHERE order_id = ? ORDER BY day",
            orderID
        ) { row in
            let symptoms: String = try row.get(2)
            return CheckIn(
                orderId: try row.get(0), day: try row.get(1),
                symptoms: symptoms.split(separator: ",").map(String.init), temperature: try row.get(3),
                createdAt: try row.get(4))
        }
    }

    func ordersMissingCheckIn(on day: CalendarDate, limit: Int) throws -> [Order] {
        try connection.query(
            """
            SELECT \(Self.orderColumns) FROM orders o
            WHERE o.start_date <= ? AND o.end_date > ? AND o.created_at < ?
              AND (o.released_at IS NULL OR o.released_at >= ?)
              AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.order_id = o.id AND c.day = ?)
            ORDER BY o.start_date, o.id LIMIT ?
            """, day, day, Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)),
            Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)), day, limit,
            row: Self.order)
    }

    func enqueue(_ message: OutboxMessage) throws {
        try connection.enqueue(message)
    }
}
