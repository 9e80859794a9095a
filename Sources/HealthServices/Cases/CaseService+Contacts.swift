import Foundation

/// Contacts: named by the case in the app or by an operator after the interview. A contact who is a registered
/// person is given a quarantine order and a message that names neither the case nor the setting.
extension CaseService {
    /// One contact as given.
    public struct ContactInput: Sendable, Hashable {
        public let name: String
        public let phone: String?
        public let nationalId: String?
        /// `YYYY-MM-DD`: the last day they met.
        public let lastContact: String
        public let setting: String?

        public init(name: String, phone: String?, nationalId: String?, lastContact: String, setting: String?) {
            self.name = name
            self.phone = phone
            self.nationalId = nationalId
            self.lastContact = lastContact
            self.setting = setting
        }
    }

    /// The most contacts one call may name.
    public static let maxContacts = 100
    /// Contacts count from this many days before the onset.
    static let contactDaysBeforeOnset: Int64 = 2

    /// Adds contacts to a case: a citizen to their own open case (`caseID` nil), staff to the case named.
    public func addContacts(_ contacts: [ContactInput], caseID: String?, by principal: Principal) async throws
        -> Details
    {
        guard (1...Self.maxContacts).contains(contacts.count) else {
            throw ServiceError(.invalidContacts, "Name 1 to \(Self.maxContacts) contacts.")
        }
        let checked = try contacts.enumerated().map { index, contact in try Self.checked(contact, index: index) }
        let now = clock.now()
        let policy = policy
        return try await store.write { transaction in
            let caseFile = try await Self.caseForContacts(caseID: caseID, principal: principal, in: transaction)
            let earliest = CalendarDate(daysSinceEpoch: caseFile.onset.daysSinceEpoch - Self.contactDaysBeforeOnset)
            var orders = 0
            for (index, contact) in checked.enumerated() {
                guard contact.lastContact >= earliest, contact.lastContact <= now.civilDate else {
                    throw ServiceError(
                        .invalidContacts,
                        "contacts[\(index)].lastContact must be from \(earliest.iso8601) (two days before the onset) "
                            + "to today.")
                }
                var person: Person?
                var order: Order?
                if let nationalID = contact.nationalID,
                    let registered = try await transaction.person(nationalID: nationalID),
                    principal.isStaff || Self.isRegisteredName(contact.name, of: registered)
                {
                    person = registered
                }
                if let person {
                    order = try await Self.quarantine(
                        person, lastContact: contact.lastContact, caseFile: caseFile, policy: policy, now: now,
                        in: transaction)
                }
                if order != nil { orders += 1 }
                try await transaction.cases.insert(
                    Contact(
                        id: OpaqueID.make("con"), caseId: caseFile.id, name: contact.name, phone: contact.phone,
                        nationalId: contact.nationalID?.digits, personId: person?.id, lastContact: contact.lastContact,
                        setting: contact.setting, orderId: order?.id, addedBy: principal.name, createdAt: now))
            }
            try await transaction.append(
                AuditEvent(
                    by: principal, "case.contacts", subject: "case:\(caseFile.id)",
                    details: ["contacts": String(checked.count), "quarantineOrders": String(orders)]),
                at: now)
            return try await Self.details(id: caseFile.id, in: transaction.cases)
        }
    }

    /// The contacts no registered person matched, for operators to reach.
    public func pendingContacts(limit: Int? = nil) async throws -> [Contact] {
        let limit = try Self.listLimit.checked(limit)
        return try await store.read { try await $0.cases.pendingContacts(limit: limit) }
    }

    /// Whether `given` is the person's registered name, in any of its recorded forms (the full name, given and
    /// family names either way round, or their Latin forms), ignoring case, accents and spacing. A contact a citizen
    /// names by national id is matched to the person only then: a national id alone does not give a stranger a
    /// quarantine order; an unmatched contact waits for the operators.
    static func isRegisteredName(_ given: String, of person: Person) -> Bool {
        func normalized(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "," }).joined(separator: " ")
        }
        var forms = [person.name]
        for (given, family) in [(person.givenName, person.familyName), (person.givenNameLatin, person.familyNameLatin)]
        {
            guard let given, let family else { continue }
            forms += ["\(given) \(family)", "\(family) \(given)"]
        }
        let wanted = normalized(given)
        return forms.contains { normalized($0) == wanted }
    }

    /// A contact's fields checked: the name trimmed and bounded, the national id and dates parsed.
    struct CheckedContact: Sendable {
        let name: String
        let phone: String?
        let nationalID: NationalID?
        let lastContact: CalendarDate
        let setting: String?
    }

    static func checked(_ contact: ContactInput, index: Int) throws -> CheckedContact {
        func text(_ value: String?, _ field: String, maximum: Int) throws -> String? {
            guard let value else { return nil }
            let trimmed = value.trimmingWhitespace()
            guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= maximum else {
                throw ServiceError(.invalidContacts, "contacts[\(index)].\(field) must be 1 to \(maximum) characters.")
            }
            return trimmed
        }
        guard let name = try text(contact.name, "name", maximum: 200) else {
            throw ServiceError(.invalidContacts, "contacts[\(index)].name is required.")
        }
        guard let lastContact = CalendarDate(iso8601: contact.lastContact) else {
            throw ServiceError(.invalidContacts, "contacts[\(index)].lastContact must be a date, YYYY-MM-DD.")
        }
        let nationalID = try contact.nationalId.map { digits in
            guard let nationalID = NationalID(digits) else {
                throw ServiceError(.invalidContacts, "contacts[\(index)].nationalId must be a 9-digit CPR number.")
            }
            return nationalID
        }
        return CheckedContact(
            name: name, phone: try text(contact.phone, "phone", maximum: 20), nationalID: nationalID,
            lastContact: lastContact, setting: try text(contact.setting, "setting", maximum: 100))
    }

    /// The citizen's own open case, or the case staff name; contacts are added only to an open case.
    static func caseForContacts(caseID: String?, principal: Principal, in transaction: any RecordTransaction)
        async throws -> Case
    {
        let found: Case?
        if let own = principal.personID {
            found = try await transaction.cases.openCase(personID: own)
            guard found != nil else { throw ServiceError(.caseNotFound, "You have no open case.") }
        } else {
            guard let caseID else { throw ServiceError(.missingField, "Staff must name the case.") }
            found = try await transaction.cases.caseFile(id: caseID)
        }
        guard let caseFile = found else { throw ServiceError(.caseNotFound, "There is no case with this id.") }
        guard caseFile.state.isOpen else {
            throw ServiceError(.caseClosed, "Contacts are added to an open case only.")
        }
        return caseFile
    }

    /// The quarantine order a registered contact is under after this contact: nil when they are a case themselves,
    /// or the quarantine would already be over, by its days or by a negative PCR sampled on its test day or later. A
    /// person has one quarantine: one of theirs running as long or longer is kept as it is; a shorter one is
    /// lengthened and given to this case (should the case close early, the case that named them before takes it
    /// back, see ``OrderService/endOrders(ofCase:reason:policy:at:in:)``).
    static func quarantine(
        _ person: Person, lastContact: CalendarDate, caseFile: Case, policy: OrderPolicy, now: Timestamp,
        in transaction: any RecordTransaction
    ) async throws -> Order? {
        guard person.id != caseFile.personId, try await transaction.cases.openCase(personID: person.id) == nil else {
            return nil
        }
        let end = CalendarDate(daysSinceEpoch: lastContact.daysSinceEpoch + Int64(policy.quarantineDays))
        guard end > now.civilDate else { return nil }
        let running = try await transaction.cases.orders(ofPeople: [person.id]).filter {
            $0.kind == .quarantine && $0.state == .active
        }
        if let longer = running.first(where: { $0.endDate >= end }) { return longer }
        if let shorter = running.max(by: { $0.endDate < $1.endDate }) {
            try await OrderService.give(
                shorter, to: caseFile.id, endingOn: end, reason: "named-again", at: now, in: transaction)
            return shorter
        }
        // A negative PCR already sampled on this contact's test day or later ends the quarantine before it begins,
        // as it would have ended it had the order come first.
        let testDay = CalendarDate(daysSinceEpoch: lastContact.daysSinceEpoch + Int64(policy.quarantineTestDay))
        guard
            try await !transaction.results.labResults(ofPeople: [person.id]).contains(where: {
                $0.state == .negative && $0.test == .pcr && $0.sampledAt.civilDate >= testDay
            })
        else { return nil }
        let order = Order(
            id: OpaqueID.make("ord"), personId: person.id, caseId: caseFile.id, kind: .quarantine,
            startDate: lastContact, endDate: end, state: .active, releasedAt: nil, releaseReason: nil, createdAt: now)
        try await transaction.cases.insert(order)
        try await transaction.tell(
            personID: person.id,
            "You were in close contact with someone who has COVID-19. Stay at home in quarantine until "
                + "\(end.iso8601), when it ends; check in daily in the app.",
            at: now)
        return order
    }
}

extension ServiceError.Code {
    public static let invalidContacts = Self("invalid-contacts", .invalidInput)
}
