/// The health status ("shield") of a person, computed by ``HealthStatusRules`` from their records.
public struct StatusService: Sendable {
    let store: any RecordStore
    /// Whose isolation days the status judges a positive by.
    let policy: OrderPolicy
    let clock: WallClock

    public init(store: any RecordStore, policy: OrderPolicy, clock: WallClock) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// The status of the principal (or one of their dependants, or for staff the person named).
    public func status(for principal: Principal, personID: String?) async throws -> HealthStatus {
        let now = clock.now()
        return try await store.read { transaction in
            let people = try await transaction.visiblePeople(to: principal, personID: personID ?? principal.personID)
            return try await HealthStatusRules.status(
                results: transaction.results.labResults(ofPeople: people),
                vaccinations: transaction.vaccinations.vaccinations(ofPeople: people),
                orders: transaction.cases.orders(ofPeople: people), isolationDays: policy.isolationDays, at: now)
        }
    }
}
