/// Daily statistics for operators and the public: counts only, each below 10 shown as `<10` and a rate withheld
/// when either of its counts is, so no person can be singled out.
public struct StatisticsService: Sendable {
    let store: any StatisticsStore
    let exposure: any ExposureStore
    let clock: WallClock

    /// The longest span one request may cover, in days.
    public static let maximumDays = 366
    /// The span given when none is asked for, in days, ending today.
    public static let defaultDays = 90
    /// 0000-01-01, in days since 1970-01-01.
    static let yearZero = CalendarDate(iso8601: "0000-01-01")!.daysSinceEpoch

    public init(store: any StatisticsStore, exposure: any ExposureStore, clock: WallClock) {
        self.store = store
        self.exposure = exposure
        self.clock = clock
    }

    /// Folds the counts of the days before today that are kept in several rows (PostgreSQL spreads each over its
    /// writers' connections) into one row each; the rows folded away.
    public func foldPastCounts() async throws -> Int {
        try await store.foldCounts(before: clock.now().date)
    }

    /// A count as published: the number from 10 on, `<10` below, and `withheld` where, with the day's other
    /// counts, the number would tell one below 10 by subtraction.
    public enum Shown: Sendable, Hashable, Encodable {
        case count(Int)
        case fewerThanTen
        case withheld

        init(_ count: Int) {
            self = count < ExposureStatisticsService.smallestShownCount ? .fewerThanTen : .count(count)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .count(let count): try container.encode(count)
            case .fewerThanTen: try container.encode("<\(ExposureStatisticsService.smallestShownCount)")
            case .withheld: try container.encode("withheld")
            }
        }
    }

    /// One day's statistics; the public subset leaves the operational counts out (nil).
    public struct Day: Sendable, Hashable {
        public let date: CalendarDate
        public let tests: Shown
        public let positive: Shown
        /// Positive ÷ tests, when both are shown as numbers.
        public let positivity: Double?
        public let firstDoses: Shown
        public let secondDoses: Shown
        public let boosters: Shown
        public let casesOpened: Shown
        public let bookings: Shown?
        public let isolating: Shown?
        public let quarantining: Shown?
        public let checkInsMissed: Shown?
        public let keysPublished: Shown?
    }

    /// The days of `from...to` (default: the last 90 days to today), oldest first.
    public func daily(from: String?, to: String?, publicSubset: Bool) async throws -> (
        CalendarDate, CalendarDate, [Day]
    ) {
        let now = clock.now()
        let today = now.date
        let checkInToday = now.civilDate
        let end = try to.map { try Self.date($0, "to") } ?? today
        // The default range never reaches before year 0, which has no four-digit date to show.
        let start =
            try from.map { try Self.date($0, "from") }
            ?? CalendarDate(daysSinceEpoch: max(end.daysSinceEpoch - Int64(Self.defaultDays) + 1, Self.yearZero))
        guard start <= end, end.daysSinceEpoch - start.daysSinceEpoch < Int64(Self.maximumDays) else {
            throw ServiceError(.invalidRange, "from must be on or before to, at most \(Self.maximumDays) days apart.")
        }
        var counts: [CalendarDate: [DayCount.Metric: Int]] = [:]
        for count in try await store.dayCounts(from: start, to: end) {
            counts[count.day, default: [:]][count.metric] = count.count
        }
        // The orders binding people, and those owing check-ins, each day: the running sums of the days' changes.
        var isolating: [Int64: Int] = [:]
        var quarantining: [Int64: Int] = [:]
        var owingCheckIns: [Int64: Int] = [:]
        var (isolatingNow, quarantiningNow, owingNow) = (0, 0, 0)
        for number in start.daysSinceEpoch...end.daysSinceEpoch {
            let changes = counts[CalendarDate(daysSinceEpoch: number)]
            isolatingNow += changes?[.isolationChange] ?? 0
            quarantiningNow += changes?[.quarantineChange] ?? 0
            owingNow += changes?[.checkInsDueChange] ?? 0
            (isolating[number], quarantining[number], owingCheckIns[number]) = (isolatingNow, quarantiningNow, owingNow)
        }
        var keys: [String: Int] = [:]
        if !publicSubset {
            for day in try await exposure.dailyCounts() { keys[day.day] = day.keysPublished }
        }
        let days = (start.daysSinceEpoch...end.daysSinceEpoch).map { number in
            let date = CalendarDate(daysSinceEpoch: number)
            let count = { (metric: DayCount.Metric) in counts[date]?[metric] ?? 0 }
            let tests = count(.tests)
            let positive = count(.positive)
            // Check-ins are due only on days already over, and under an order only from the day it was made; orders
            // and check-ins keep Bahrain's days.
            let owing = owingCheckIns[number] ?? 0
            let missed = number < checkInToday.daysSinceEpoch ? max(0, owing - count(.checkIns)) : 0
            // Tests are positive and negative results, so tests and positive shown would give the negatives.
            let shownTests = Self.shown(tests, unless: [positive], tellBelowTen: tests - positive)
            return Day(
                date: date, tests: shownTests, positive: Shown(positive),
                positivity: shownTests == .count(tests) && Shown(positive) == .count(positive)
                    ? Double(positive) / Double(tests) : nil,
                firstDoses: Shown(count(.firstDoses)), secondDoses: Shown(count(.secondDoses)),
                boosters: Shown(count(.boosters)), casesOpened: Shown(count(.casesOpened)),
                bookings: publicSubset ? nil : Shown(count(.bookings)),
                isolating: publicSubset ? nil : Shown(isolating[number] ?? 0),
                quarantining: publicSubset ? nil : Shown(quarantining[number] ?? 0),
                checkInsMissed: publicSubset
                    ? nil
                    : Self.shownMissed(missed, ordersInForce: [isolating[number] ?? 0, quarantining[number] ?? 0]),
                keysPublished: publicSubset ? nil : Shown(keys[date.iso8601] ?? 0))
        }
        return (start, end, days)
    }

    /// `count` as shown, withheld when it and `others` would all be shown as numbers and together give `derived`,
    /// a count below 10 that is not shown.
    static func shown(_ count: Int, unless others: [Int], tellBelowTen derived: Int) -> Shown {
        let minimum = ExposureStatisticsService.smallestShownCount
        guard count >= minimum, others.allSatisfy({ $0 >= minimum }), derived < minimum else { return Shown(count) }
        return .withheld
    }

    /// The check-ins missed on a day as shown, beside the orders in force of each kind: withheld when, with every
    /// kind shown as a number, the orders less the missed would give the check-ins made below 10; and when, with a
    /// kind shown as "<10", the missed are more than the kinds shown as numbers, since each order misses at most
    /// one check-in a day and so the missed would give a floor to the kinds not shown.
    static func shownMissed(_ missed: Int, ordersInForce kinds: [Int]) -> Shown {
        let minimum = ExposureStatisticsService.smallestShownCount
        let shownOrders = kinds.filter { $0 >= minimum }.reduce(0, +)
        if kinds.contains(where: { $0 < minimum }), missed >= minimum, missed > shownOrders { return .withheld }
        return shown(missed, unless: kinds, tellBelowTen: kinds.reduce(0, +) - missed)
    }

    static func date(_ text: String, _ name: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso8601: text) else {
            throw ServiceError(.invalidCaseDate, "\(name) must be a date, YYYY-MM-DD.")
        }
        return date
    }
}
