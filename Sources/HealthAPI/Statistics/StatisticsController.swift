import HealthServices
import Hummingbird

/// `/v1/statistics/daily`: per-day counts for operators, and with `public=1` an anonymous public subset.
struct StatisticsController: Sendable {
    let statistics: StatisticsService
    let guard_: RouteGuard

    static let staff: Set<Role> = [.operator, .admin]

    func addRoutes(to router: Router<AppRequestContext>) {
        // Open for `public=1` only; any other request is the operators' and goes through the guard.
        router.get("v1/statistics/daily", use: guard_.open(daily))
    }

    @Sendable func daily(_ request: Request, context: AppRequestContext) async throws -> DailyStatisticsResponse {
        let query = try request.queryParameters(allowing: ["from", "to", "public"])
        switch query["public"] {
        case "1":
            return try await answer(query, publicSubset: true)
        case nil:
            return try await guard_.allow(Self.staff) { _, _, _ in
                try await answer(query, publicSubset: false)
            }(request, context)
        default:
            throw ServiceError(.invalidField, "public must be 1 when given.")
        }
    }

    func answer(_ query: [String: String], publicSubset: Bool) async throws -> DailyStatisticsResponse {
        let (from, to, days) = try await statistics.daily(
            from: query["from"], to: query["to"], publicSubset: publicSubset)
        return DailyStatisticsResponse(from: from, to: to, days: days.map(DailyStatisticsResponse.Day.init))
    }
}

/// The days of a span, counts below 10 as `"<10"`.
struct DailyStatisticsResponse: ResponseEncodable {
    struct Day: Encodable {
        let day: StatisticsService.Day

        enum CodingKeys: String, CodingKey {
            case date, tests, positive, positivity, doses, casesOpened, bookings, isolating, quarantining
            case checkInsMissed, keysPublished
        }

        enum DoseKeys: String, CodingKey {
            case first = "1"
            case second = "2"
            case booster
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(day.date, forKey: .date)
            try container.encode(day.tests, forKey: .tests)
            try container.encode(day.positive, forKey: .positive)
            try container.encode(day.positivity, forKey: .positivity)
            var doses = container.nestedContainer(keyedBy: DoseKeys.self, forKey: .doses)
            try doses.encode(day.firstDoses, forKey: .first)
            try doses.encode(day.secondDoses, forKey: .second)
            try doses.encode(day.boosters, forKey: .booster)
            try container.encode(day.casesOpened, forKey: .casesOpened)
            try container.encodeIfPresent(day.bookings, forKey: .bookings)
            try container.encodeIfPresent(day.isolating, forKey: .isolating)
            try container.encodeIfPresent(day.quarantining, forKey: .quarantining)
            try container.encodeIfPresent(day.checkInsMissed, forKey: .checkInsMissed)
            try container.encodeIfPresent(day.keysPublished, forKey: .keysPublished)
        }
    }

    let from: CalendarDate
    let to: CalendarDate
    let days: [Day]
}
