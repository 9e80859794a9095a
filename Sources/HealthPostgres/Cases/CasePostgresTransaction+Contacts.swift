import HealthServices
import PostgresNIO

/// The contacts a case names (table `contacts`).
extension CasePostgresTransaction {
    static let contactColumns = """
        id, case_id, name, phone, national_id, person_id, last_contact, setting, order_id, added_by, created_at
        """

    static func contact(_ row: PostgresRow) throws -> Contact {
        let (id, caseID, name, phone, nationalID, personID, lastContact, setting, orderID, addedBy, createdAt) =
            try row.decode(
                (
                    String, String, String?, String?, String?, String?, CalendarDate, String?, String?, String,
                    Timestamp
                ).self)
        return Contact(
            id: id, caseId: caseID, name: name, phone: phone, nationalId: nationalID, personId: personID,
            lastContact: lastContact, setting: setting, orderId: orderID, addedBy: addedBy, createdAt: createdAt)
    }

    func insert(_ contact: Contact) async throws {
        try await session.run(
            """
            INSERT INTO contacts (\(unescaped: Self.contactColumns))
            VALUES (\(contact.id), \(contact.caseId), \(contact.name), \(contact.phone), \(contact.nationalId),
                \(contact.personId), \(contact.lastContact), \(contact.setting), \(contact.orderId), \(contact.addedBy),
                \(contact.createdAt))
            """)
    }

    func contacts(caseID: String) async throws -> [Contact] {
        try await session.all(
            """
            SELECT \(unescaped: Self.contactColumns) FROM contacts WHERE case_id = \(caseID) ORDER BY created_at, id
            """, Self.contact)
    }

    func contacts(orderID: String) async throws -> [Contact] {
        try await session.all(
            """
            SELECT \(unescaped: Self.contactColumns) FROM contacts WHERE order_id = \(orderID) ORDER BY created_at, id
            """, Self.contact)
    }

    func pendingContacts(limit: Int) async throws -> [Contact] {
        try await session.all(
            """
            SELECT \(unescaped: Self.contactColumns) FROM contacts
            WHERE person_id IS NULL AND case_id IN (SELECT id FROM cases WHERE state IN ('open', 'isolating'))
            ORDER BY created_at, id LIMIT \(limit)
            """, Self.contact)
    }
}
