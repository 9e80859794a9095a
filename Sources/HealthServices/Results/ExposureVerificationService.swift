/// Redeems the one-time codes positive results give, for the exposure-key upload.
public struct ExposureVerificationService: Sendable {
    let store: any RecordStore
    let clock: WallClock

    public init(store: any RecordStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// Uses a code once: the test and sample time of the positive result it was issued for. Unknown, used,
    /// cancelled and expired codes are all refused alike, so the answer reveals nothing about other codes.
    public func consume(code: String) async throws -> (test: LabResult.Test, sampledAt: Timestamp) {
        let now = clock.now()
        return try await store.write { transaction in
            guard let resultID = try await transaction.consumeVerificationCode(code, at: now),
                let result = try await transaction.labResult(id: resultID)
            else {
                throw ServiceError(.invalidVerificationCode, "The code is unknown, used or expired.")
            }
            return (result.test, result.sampledAt)
        }
    }
}

extension ServiceError.Code {
    public static let invalidVerificationCode = Self("invalid-verification-code", .unprocessable)
}
