/// The rules a new dose must keep against the person's earlier doses, in EU DCC dose notation.
///
/// Doses are numbered in order (the n-th dose recorded is dose n). A dose within an unfinished course keeps
/// that course's total; a dose numbered past its total (`2/1`) is a booster and needs a finished course before
/// it; after a finished course a dose is a booster, numbered at or past its total (`3/3`, `3/2`), never the start
/// of a new unfinished course (`3/4`); and no dose comes sooner than the product's minimum days after the previous
/// one.
struct DoseRules {
    /// The highest dose number and total accepted.
    static let maxDoses = 9

    let doseNumber: Int
    let totalDoses: Int
    let product: CareService
    let administeredAt: Timestamp

    func check(against previous: [Vaccination]) throws(ServiceError) {
        guard (1...Self.maxDoses).contains(doseNumber), (1...Self.maxDoses).contains(totalDoses) else {
            throw ServiceError(
                .invalidDoseNumber, "doseNumber and totalDoses must be between 1 and \(Self.maxDoses).")
        }
        guard doseNumber == previous.count + 1 else {
            throw ServiceError(
                .doseOutOfSequence,
                "This person has \(previous.count) recorded doses, so this is dose \(previous.count + 1).")
        }
        guard let latest = previous.max(by: { $0.administeredAt < $1.administeredAt }) else { return }
        if !latest.completesCourse, totalDoses != latest.totalDoses {
            throw ServiceError(
                .totalDosesMismatch, "The course in progress has \(latest.totalDoses) doses; totalDoses must match.")
        }
        if doseNumber > totalDoses, !latest.completesCourse {
            throw ServiceError(.boosterBeforeCourseComplete, "A booster needs a finished course before it.")
        }
        if latest.completesCourse, doseNumber < totalDoses {
            throw ServiceError(
                .totalDosesMismatch,
                "After a finished course this dose is a booster: totalDoses must be at most doseNumber (\(doseNumber))."
            )
        }
        let days = Int64(product.minimumDaysBetweenDoses ?? 0)
        let earliest = CalendarDate(daysSinceEpoch: latest.administeredAt.civilDate.daysSinceEpoch + days)
        guard administeredAt.civilDate >= earliest else {
            throw ServiceError(
                .doseTooEarly,
                "A \(product.id) dose can be given from \(earliest.iso8601), \(days) days after the last.")
        }
    }
}

extension ServiceError.Code {
    public static let invalidDoseNumber = Self("invalid-dose-number", .invalidInput)
    public static let doseOutOfSequence = Self("dose-out-of-sequence", .unprocessable)
    public static let totalDosesMismatch = Self("total-doses-mismatch", .unprocessable)
    public static let boosterBeforeCourseComplete = Self("booster-before-course-complete", .unprocessable)
}
