extension RecordStore {
    /// Audits a change already made outside the database (a key file written). When the entry cannot be written,
    /// `undo` takes the change back before the error is thrown, so the change stands only with its entry.
    func audit(_ event: AuditEvent, at time: Timestamp, undoingOnFailure undo: () -> Void) async throws {
        do {
            try await write { transaction in try await transaction.append(event, at: time) }
        } catch {
            undo()
            throw error
        }
    }
}
