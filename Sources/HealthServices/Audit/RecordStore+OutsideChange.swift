extension RecordStore {
    /// Audits a change already made outside the database (a key file written). When the entry cannot be written,
    /// `undo` takes the change back before the error is thrown, so the change stands only with its entry. When the
    /// database cannot say whether the entry committed, the change stays: undoing it could leave an entry for a
    /// change that was taken back (a key recorded as withdrawn, signing again), and the error says so.
    func audit(_ event: AuditEvent, at time: Timestamp, undoingOnFailure undo: () -> Void) async throws {
        do {
            try await write { transaction in try await transaction.append(event, at: time) }
        } catch let error as StoreError where error.code == .writeOutcomeUnknown {
            throw StoreError(
                .writeOutcomeUnknown,
                "\(error.message); the change (\(event.action) \(event.subject)) was kept: check the audit log for its "
                    + "entry", database: error.database)
        } catch {
            undo()
            throw error
        }
    }
}
