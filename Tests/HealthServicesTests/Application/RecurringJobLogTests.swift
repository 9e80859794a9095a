import Foundation
import Logging
import Testing

@testable import HealthAPI
@testable import HealthServices

/// A background job's failed pass is logged with what an operator needs to act on (a storage failure's code and
/// database), and no more than a request's failure would be.
@Suite struct RecurringJobLogTests {
    @Test func aStorageFailureIsLoggedWithItsCodeAndDatabase() {
        let metadata = RecurringJob.failureMetadata(
            of: StoreError(.storageFull, "health.sqlite: SQLite error 13", database: "health.sqlite"))
        #expect(metadata["error.code"] == "storage-full" && metadata["database"] == "health.sqlite")
        #expect(metadata["error"] == "health.sqlite: SQLite error 13")
    }

    @Test func aRefusalIsLoggedByItsCodeAndAnythingElseByItsType() {
        let refusal = RecurringJob.failureMetadata(of: ServiceError(.personNotFound, "No person has this id."))
        #expect(refusal == ["error.code": "person-not-found"])
        let other = RecurringJob.failureMetadata(of: CocoaError(.fileReadCorruptFile))
        #expect(other == ["error.type": "CocoaError"])
    }
}
