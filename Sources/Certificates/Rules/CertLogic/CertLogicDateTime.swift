import CryptoCore

/// A CertLogic date-time: an instant, in milliseconds since 1970-01-01T00:00:00Z.
///
/// The offset a date-time was written with is applied when parsing and not kept: `plusTime` works on UTC fields
/// (the specification defines it through JavaScript's `Date.setUTC…` methods) and comparisons on instants.
struct CertLogicDateTime: Hashable, Comparable, Sendable {
    let millisecondsSince1970: Int64

    /// JavaScript's `Date` range, 10^8 days either side of 1970: `plusTime` refuses to go beyond it.
    static let range: ClosedRange<Int64> = -8_640_000_000_000_000...8_640_000_000_000_000
    static let millisecondsPerDay: Int64 = 86_400_000
    /// Beyond this year every instant is outside `range`; checked first so day counts cannot overflow.
    static let yearLimit: Int64 = 300_000

    /// Nil outside `range`.
    init?(millisecondsSince1970: Int64) {
        guard Self.range.contains(millisecondsSince1970) else { return nil }
        self.millisecondsSince1970 = millisecondsSince1970
    }

    static func < (left: CertLogicDateTime, right: CertLogicDateTime) -> Bool {
        left.millisecondsSince1970 < right.millisecondsSince1970
    }

    /// `amount` units later (earlier when negative), as `Date.setUTC<unit>(getUTC<unit>() + amount)` does: a
    /// day past the end of the month carries into the next one (2020-02-29 plus a year is 2021-03-01). Nil when
    /// the result is outside `range`.
    func adding(_ amount: Int64, _ unit: CertLogicTimeUnit) -> CertLogicDateTime? {
        switch unit {
        case .hour:
            return adding(amount, times: 3_600_000)
        case .day:
            return adding(amount, times: Self.millisecondsPerDay)
        case .month:
            return addingMonths(amount)
        case .year:
            let (months, overflow) = amount.multipliedReportingOverflow(by: 12)
            return overflow ? nil : addingMonths(months)
        }
    }

    private func adding(_ amount: Int64, times milliseconds: Int64) -> CertLogicDateTime? {
        let (offset, productOverflow) = amount.multipliedReportingOverflow(by: milliseconds)
        let (sum, sumOverflow) = millisecondsSince1970.addingReportingOverflow(offset)
        return productOverflow || sumOverflow ? nil : CertLogicDateTime(millisecondsSince1970: sum)
    }

    private func addingMonths(_ amount: Int64) -> CertLogicDateTime? {
        let (days, timeOfDay) = Self.floorDivision(millisecondsSince1970, Self.millisecondsPerDay)
        let (year, month, day) = CivilCalendar.date(days: days)
        let (monthIndex, overflow) = (year * 12 + month - 1).addingReportingOverflow(amount)
        guard !overflow else { return nil }
        let (newYear, newMonthIndex) = Self.floorDivision(monthIndex, 12)
        guard (-Self.yearLimit...Self.yearLimit).contains(newYear) else { return nil }
        let firstOfMonth = CivilCalendar.days(year: newYear, month: newMonthIndex + 1, day: 1)
        return CertLogicDateTime(millisecondsSince1970: (firstOfMonth + day - 1) * Self.millisecondsPerDay + timeOfDay)
    }

    /// Quotient rounded down and the remainder that goes with it (never negative for a positive divisor).
    static func floorDivision(_ dividend: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = dividend / divisor
        let remainder = dividend % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// `YYYY-MM-DDThh:mm:ss.sssZ`, with a signed six-digit year outside 0000–9999, as `Date.toISOString` writes.
    var iso8601: String {
        let (days, time) = Self.floorDivision(millisecondsSince1970, Self.millisecondsPerDay)
        let (year, month, day) = CivilCalendar.date(days: days)
        let yearText =
            (0...9999).contains(year)
            ? CivilCalendar.padded(year, 4) : (year < 0 ? "-" : "+") + CivilCalendar.padded(abs(year), 6)
        let date = yearText + "-" + CivilCalendar.padded(month, 2) + "-" + CivilCalendar.padded(day, 2)
        let clock = CivilCalendar.padded(time / 3_600_000, 2) + ":" + CivilCalendar.padded(time / 60_000 % 60, 2) + ":"
        return date + "T" + clock + CivilCalendar.padded(time / 1000 % 60, 2) + "."
            + CivilCalendar.padded(time % 1000, 3) + "Z"
    }
}
