/// The one place the shield colour is decided, from a person's lab results and vaccinations at an instant.
///
/// The rules, in order of precedence:
/// 1. **red** `isolating`: an isolation order in force, until its end. A person never given one (a positive
///    recorded before cases were kept, or reported once its isolation was over) is red for a positive result (PCR
///    or rapid antigen) until its isolation would end: the start of the isolation's last day (the policy's
///    isolation days, 10 by default) after the sample's day in Bahrain, as an order from that onset ends.
/// 2. **yellow** `quarantine`: a quarantine order in force, until its end.
/// 3. **green**, whichever lasts longer:
///    - `recovered`: a positive PCR whose isolation is over, sampled less than 180 days ago; until sample + 180
///      days. The isolation is the order the sample fell in, over its days from its onset however it ended (an
///      operator closing the case sooner does not shorten it); for a sample under no order, as in 1. (The EU
///      recovery certificate itself is valid from day 11.)
///    - `fully-vaccinated`: the latest dose completes a course and was given 14 to 180 days ago, or is a booster
///      numbered past its course (`2/1`, `3/2`: it counts at once, as entry rule VR-BH-0002 takes it) given less
///      than 180 days ago; until that dose + 180 days, when a booster becomes due. A booster written as the last
///      dose of a longer course (`3/3`) waits its 14 days, as that rule reads it as a completed course.
/// 4. **yellow**:
///    - `protection-pending`: the latest dose completes a course but was given less than 14 days ago; until
///      that dose + 14 days.
///    - `booster-due`: the latest dose completed a course more than 180 days ago.
///    - `partially-vaccinated`: the latest dose is part of an unfinished course.
/// 5. **grey** `no-record`: none of the above.
///
/// Pending and invalid results count for nothing; negative results do not give a colour of their own.
public enum HealthStatusRules {
    static let recoveryDays: Int64 = 180
    static let protectionDelayDays: Int64 = 14
    static let vaccinationProtectionDays: Int64 = 180

    /// The status at `now`; `isolationDays` is the orders' (``OrderPolicy/isolationDays``), which an isolation
    /// never ordered is judged by too.
    public static func status(
        results: [LabResult], vaccinations: [Vaccination], orders: [Order] = [],
        isolationDays: Int = OrderPolicy().isolationDays, at now: Timestamp
    ) -> HealthStatus {
        let isolationDays = Int64(isolationDays)
        let inForce = orders.filter { $0.isInForce(at: now) }
        if let isolationEnd = inForce.filter({ $0.kind == .isolation }).map(\.endsAt).max() {
            return HealthStatus(colour: .red, reason: "isolating", validUntil: isolationEnd)
        }
        let positives = results.filter { $0.state == .positive && $0.sampledAt <= now }
        if !orders.contains(where: { $0.kind == .isolation }),
            let isolationEnd = positives.map({ Self.isolationEnd(onset: $0.sampledAt.civilDate, days: isolationDays) })
                .max(), isolationEnd > now
        {
            return HealthStatus(colour: .red, reason: "isolating", validUntil: isolationEnd)
        }
        if let quarantineEnd = inForce.filter({ $0.kind == .quarantine }).map(\.endsAt).max() {
            return HealthStatus(colour: .yellow, reason: "quarantine", validUntil: quarantineEnd)
        }

        var greens: [HealthStatus] = []
        let recovered = positives.filter {
            $0.test == .pcr && Self.recoveredFrom($0, orders: orders, isolationDays: isolationDays) <= now
        }
        if let recoveryEnd = recovered.map({ $0.sampledAt.adding(days: recoveryDays) }).max(), recoveryEnd > now {
            greens.append(HealthStatus(colour: .green, reason: "recovered", validUntil: recoveryEnd))
        }
        let latestDose = vaccinations.filter { $0.administeredAt <= now }.max { $0.administeredAt < $1.administeredAt }
        var yellow: HealthStatus?
        if let dose = latestDose {
            let protectedFrom = dose.administeredAt.adding(
                days: dose.doseNumber > dose.totalDoses ? 0 : protectionDelayDays)
            let boosterDue = dose.administeredAt.adding(days: vaccinationProtectionDays)
            if !dose.completesCourse {
                yellow = HealthStatus(colour: .yellow, reason: "partially-vaccinated", validUntil: nil)
            } else if now < protectedFrom {
                yellow = HealthStatus(colour: .yellow, reason: "protection-pending", validUntil: protectedFrom)
            } else if now < boosterDue {
                greens.append(HealthStatus(colour: .green, reason: "fully-vaccinated", validUntil: boosterDue))
            } else {
                yellow = HealthStatus(colour: .yellow, reason: "booster-due", validUntil: nil)
            }
        }
        if let green = greens.max(by: { ($0.validUntil ?? now) < ($1.validUntil ?? now) }) { return green }
        return yellow ?? HealthStatus(colour: .grey, reason: "no-record", validUntil: nil)
    }
}

extension HealthStatusRules {
    /// The end of an isolation of `days` from `onset`: the start (in Bahrain) of the day `days` after, as an
    /// isolation order from that onset ends (``Order/endsAt``).
    static func isolationEnd(onset: CalendarDate, days: Int64) -> Timestamp {
        Timestamp(startOfCivilDay: CalendarDate(daysSinceEpoch: onset.daysSinceEpoch + days))
    }

    /// When the isolation of a positive is over: `isolationDays` from the onset of the isolation order its sample
    /// fell in (a PCR joining a case a rapid test opened is recovered with it), else from its own sample's day.
    static func recoveredFrom(_ positive: LabResult, orders: [Order], isolationDays: Int64) -> Timestamp {
        let day = positive.sampledAt.civilDate
        let covering = orders.filter { $0.kind == .isolation && $0.startDate <= day && day < $0.endDate }
        return isolationEnd(onset: covering.map(\.startDate).min() ?? day, days: isolationDays)
    }
}

extension Timestamp {
    /// This instant `days` whole days later.
    package func adding(days: Int64) -> Timestamp { adding(seconds: days * 86_400) }
}
