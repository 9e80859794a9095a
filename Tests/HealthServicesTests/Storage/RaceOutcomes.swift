@testable import HealthServices

/// Runs `body` `count` times at once and gives how each run ended: nil when it succeeded, else the code it was
/// refused with (`invalidField` standing for an error that is not a ``ServiceError``, which no test expects).
func raceOutcomes(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> [ServiceError.Code?] {
    await withTaskGroup(of: ServiceError.Code?.self) { group in
        for index in 0..<count {
            group.addTask {
                do {
                    try await body(index)
                    return nil
                } catch let error as ServiceError {
                    return error.code
                } catch {
                    return .invalidField
                }
            }
        }
        return await group.reduce(into: [ServiceError.Code?]()) { $0.append($1) }
    }
}
