/// Daily check-ins under an order, and the operators' list of who missed one.
extension OrderService {
    /// The highest and lowest temperatures a check-in may give, °C.
    static let temperatureRange = 30.0...45.0

    /// Records today's check-in of an order the principal may see; one per order and day.
    public func checkIn(orderID: String, symptoms: [String], temperature: Double?, by principal: Principal)
        async throws -> CheckIn
    {
        if let unknown = symptoms.first(where: { !CheckIn.symptomCodes.contains($0) }) {
            throw ServiceError(
                .invalidSymptom,
                "'\(ServiceError.printable(unknown))' is not a symptom code: "
                    + CheckIn.symptomCodes.sorted().joined(separator: ", ") + ".")
        }
        if let temperature, !Self.temperatureRange.contains(temperature) {
            throw ServiceError(.invalidTemperature, "temperature must be 30 to 45 (°C).")
        }
        let now = clock.now()
        return try await store.write { transaction in
            let order = try await Self.visibleOrder(orderID, to: principal, in: transaction)
            guard order.isInForce(at: now) else {
                throw ServiceError(.orderNotInForce, "This order is not in force today.")
            }
            let checkIn = CheckIn(
                orderId: order.id, day: now.civilDate, symptoms: Array(Set(symptoms)).sorted(),
                temperature: temperature, createdAt: now)
            guard try await transaction.cases.insert(checkIn) else {
                throw ServiceError(.alreadyCheckedIn, "Today's check-in for this order is already in.")
            }
            try await transaction.append(
                AuditEvent(
                    by: principal, "order.check-in", subject: "order:\(order.id)",
                    details: ["day": now.civilDate.iso8601]),
                at: now)
            return checkIn
        }
    }

    /// The order, when the principal is its person, their guardian, or staff.
    static func visibleOrder(_ orderID: String, to principal: Principal, in transaction: any RecordTransaction)
        async throws -> Order
    {
        let notFound = ServiceError(.orderNotFound, "There is no order with this id.")
        guard let order = try await transaction.cases.order(id: orderID) else { throw notFound }
        if let own = principal.personID {
            guard try await transaction.peopleActedFor(by: own).contains(order.personId) else { throw notFound }
        }
        return order
    }

    /// The orders of the people the principal may see, newest first, each with the day its next check-in is due,
    /// in one read: what the API and `healthctl orders list` show.
    public func orderViews(for principal: Principal, personID: String?) async throws -> [OrderView] {
        let now = clock.now()
        return try await store.read { transaction in
            let orders = try await transaction.cases.orders(
                ofPeople: transaction.visiblePeople(to: principal, personID: personID))
            var views: [OrderView] = []
            for order in orders {
                views.append(
                    OrderView(order, nextCheckIn: try await Self.nextCheckIn(of: order, at: now, in: transaction.cases))
                )
            }
            return views
        }
    }

    /// The day the next check-in is due: today until it is in, then tomorrow; nil once the order is over.
    static func nextCheckIn(of order: Order, at now: Timestamp, in cases: any CaseTransaction) async throws
        -> CalendarDate?
    {
        guard order.isInForce(at: now) else { return nil }
        let checkedInToday = try await cases.checkIns(orderID: order.id).contains { $0.day == now.civilDate }
        guard checkedInToday else { return now.civilDate }
        let tomorrow = CalendarDate(daysSinceEpoch: now.civilDate.daysSinceEpoch + 1)
        return tomorrow < order.endDate ? tomorrow : nil
    }

    /// How long the missed check-ins list may be.
    public static let missedListLimit = ListLimit(defaultCount: 1000, maximum: 10_000)

    /// Orders in force on `day` with no check-in for it, for operators to call: at most `limit` (checked against
    /// ``missedListLimit``).
    public func missedCheckIns(on day: String, limit: Int? = nil) async throws -> [Order] {
        guard let date = CalendarDate(iso8601: day) else {
            throw ServiceError(.invalidCaseDate, "missed must be a date, YYYY-MM-DD.")
        }
        let limit = try Self.missedListLimit.checked(limit)
        return try await store.read { transaction in
            try await transaction.cases.ordersMissingCheckIn(on: date, limit: limit)
        }
    }

    /// The order's check-ins, oldest first, for the principal who may see it.
    public func checkIns(orderID: String, by principal: Principal) async throws -> [CheckIn] {
        try await store.read { transaction in
            let order = try await Self.visibleOrder(orderID, to: principal, in: transaction)
            return try await transaction.cases.checkIns(orderID: order.id)
        }
    }
}

extension ServiceError.Code {
    public static let invalidSymptom = Self("invalid-symptom", .invalidInput)
    public static let invalidTemperature = Self("invalid-temperature", .invalidInput)
    public static let orderNotFound = Self("order-not-found", .notFound)
    public static let orderNotInForce = Self("order-not-in-force", .conflict)
    public static let alreadyCheckedIn = Self("already-checked-in", .conflict)
}
