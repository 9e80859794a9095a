import CryptoCore

extension CertLogicDateTime {
    /// A date or date-time in a format `plusTime` accepts: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or
    /// `YYYY-MM-DDThh:mm:ss` with an optional fraction of any number of digits (cut to milliseconds, not rounded)
    /// and an optional offset `Z`, `±h`, `±hh`, `±hmm`, `±hhmm`, `±h:mm` or `±hh:mm` (none means UTC). The partial
    /// dates mean what `dccDateOfBirth` makes of them. Nil for anything else, and for a field out of its range
    /// (`2021-02-30`, `24:00:00`): the specification leaves invalid dates undefined, so they are refused.
    init?(parsing text: String) {
        var scanner = CertLogicDateScanner(text)
        guard let date = scanner.date() else { return nil }
        var milliseconds = date.days * Self.millisecondsPerDay
        if date.isComplete && scanner.skip("T") {
            guard let time = scanner.timeOfDay(), let offset = scanner.offset() else { return nil }
            milliseconds += time - offset
        }
        guard scanner.isAtEnd else { return nil }
        self.init(millisecondsSince1970: milliseconds)
    }

    /// A DCC date of birth, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `dccDateOfBirth` reads it: the last day
    /// consistent with it (`2004` is 2004-12-31, `2004-02` is 2004-02-29), at midnight UTC. Nil for anything else.
    init?(dateOfBirth text: String) {
        var scanner = CertLogicDateScanner(text)
        guard let date = scanner.date(), scanner.isAtEnd else { return nil }
        self.init(millisecondsSince1970: date.days * Self.millisecondsPerDay)
    }
}

/// Reads the fields of a date or date-time from its UTF-8 text, left to right, refusing values out of range.
struct CertLogicDateScanner {
    private let bytes: String.UTF8View
    private var position: String.UTF8View.Index

    init(_ text: String) {
        bytes = text.utf8
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position == bytes.endIndex }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as days since 1970, a partial date as its last day; `isComplete` when
    /// the day was given.
    mutating func date() -> (days: Int64, isComplete: Bool)? {
        guard let year = number(digits: 4) else { return nil }
        guard skip("-") else { return (CivilCalendar.days(year: year, month: 12, day: 31), false) }
        guard let month = number(digits: 2), (1...12).contains(month) else { return nil }
        let lastDay = CivilCalendar.daysIn(month: month, year: year)
        guard skip("-") else { return (CivilCalendar.days(year: year, month: month, day: lastDay), false) }
        guard let day = number(digits: 2), (1...lastDay).contains(day) else { return nil }
        return (CivilCalendar.days(year: year, month: month, day: day), true)
    }

    /// `hh:mm:ss` with an optional fraction, as milliseconds into the day.
    mutating func timeOfDay() -> Int64? {
        guard let hour = number(digits: 2), hour < 24, skip(":"), let minute = number(digits: 2), minute < 60,
            skip(":"), let second = number(digits: 2), second < 60
        else { return nil }
        var milliseconds = ((hour * 60 + minute) * 60 + second) * 1000
        if skip(".") {
            let count = digitsAhead()
            let used = min(count, 3)
            guard count > 0, var fraction = number(digits: used) else { return nil }
            for _ in used..<3 { fraction *= 10 }
            milliseconds += fraction
            bytes.formIndex(&position, offsetBy: count - used)
        }
        return milliseconds
    }

    /// `Z`, `±h`, `±hh`, `±hmm`, `±hhmm`, `±h:mm`, `±hh:mm`, or nothing (UTC), as milliseconds ahead of UTC.
    mutating func offset() -> Int64? {
        if isAtEnd || skip("Z") { return 0 }
        let sign: Int64
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        let count = digitsAhead()
        guard (1...4).contains(count), let hours = number(digits: 2 - count % 2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if count > 2 || skip(":") {
            guard let digits = number(digits: 2), digits < 60 else { return nil }
            minutes = digits
        }
        return sign * (hours * 60 + minutes) * 60_000
    }

    /// Steps over `character` when it comes next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard !isAtEnd, bytes[position] == UInt8(ascii: character) else { return false }
        bytes.formIndex(after: &position)
        return true
    }

    /// The decimal number in the next `digits` characters, all of which must be digits.
    private mutating func number(digits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<digits {
            guard !isAtEnd, let digit = Self.digit(bytes[position]) else { return nil }
            value = value * 10 + digit
            bytes.formIndex(after: &position)
        }
        return value
    }

    /// How many digits follow, without reading them.
    private func digitsAhead() -> Int {
        bytes[position...].prefix { Self.digit($0) != nil }.count
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }
}
