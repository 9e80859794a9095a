import Synchronization
import Testing

@testable import HealthServices

/// A change made outside the database (a key file) is undone when its audit entry is refused, and kept when the
/// database cannot say whether the entry committed: undoing it then could leave an entry for a change taken back.
@Suite struct OutsideChangeAuditTests {
    /// A record store whose every write fails with `error`, as the database would answer it.
    struct FailingStore: RecordStore {
        let error: StoreError

        func read<T: Sendable>(
            _ body: nonisolated(nonsending) @escaping @Sendable (any RecordTransaction) async throws -> T
        ) async throws -> T {
            throw error
        }

        func write<T: Sendable>(
            _ body: nonisolated(nonsending) @escaping @Sendable (any RecordTransaction) async throws -> T
        ) async throws -> T {
            throw error
        }
    }

    @Test(arguments: [StoreError.Code.databaseUnavailable, .storageFull, .failed, .writeOutcomeUnknown])
    func theChangeIsUndoneOnlyWhenItsEntryCertainlyFailed(code: StoreError.Code) async throws {
        let store = FailingStore(error: StoreError(code, "the database said no", database: "health"))
        let undone = Mutex(false)
        let event = AuditEvent(by: .system, "keys.withdraw", subject: "dsc:AAAA")
        let error = await #expect(throws: StoreError.self) {
            try await store.audit(event, at: Timestamp(secondsSinceEpoch: 0)) { undone.withLock { $0 = true } }
        }
        #expect(error?.code == code)
        #expect(undone.withLock { $0 } == (code != .writeOutcomeUnknown))
        if code == .writeOutcomeUnknown {
            #expect(error?.message.contains("(keys.withdraw dsc:AAAA) was kept") == true)
        }
    }
}
