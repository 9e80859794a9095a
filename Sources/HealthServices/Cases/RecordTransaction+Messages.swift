extension RecordTransaction {
    /// Queues `text` for the person's phone in this transaction, so it goes exactly when the change it tells of is
    /// stored. A dependant with no phone of their own is told through their guardian's, the text saying whom it is
    /// about; nothing is sent when neither has one.
    func tell(personID: String, _ text: String, at now: Timestamp) async throws {
        guard let person = try await person(id: personID) else { return }
        if let phone = person.phone {
            try await cases.enqueue(OutboxMessage(to: phone, text: text, code: nil, createdAt: now))
        } else if let guardianID = person.guardianId, let phone = try await self.person(id: guardianID)?.phone {
            let about = "For \(person.givenName ?? person.name), your dependant: "
            try await cases.enqueue(OutboxMessage(to: phone, text: about + text, code: nil, createdAt: now))
        }
    }
}
