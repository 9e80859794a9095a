extension RecordTransaction {
    /// Queues `text` for the person's phone in this transaction, so it goes exactly when the change it tells of is
    /// stored; nothing for a person with no phone on file.
    func tell(personID: String, _ text: String, at now: Timestamp) async throws {
        guard let phone = try await person(id: personID)?.phone else { return }
        try await cases.enqueue(OutboxMessage(to: phone, text: text, code: nil, createdAt: now))
    }
}
