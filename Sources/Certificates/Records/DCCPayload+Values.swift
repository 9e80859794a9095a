import CryptoCore

/// Checks on the plain values a payload is built from, each failing with `invalid-payload` naming the field.
extension DCCPayload {
    /// The longest text member the schema allows (names, issuer, testing centre, UVCI).
    static let maximumTextLength = 80

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// Non-blank text of at most 80 characters, as given.
    static func checkedText(_ text: String, field: String) throws(CertificateError) -> String {
        guard !isBlank(text) else { throw CertificateError(.invalidPayload, "\(field) is empty") }
        guard text.unicodeScalars.count <= maximumTextLength else {
            throw CertificateError(.invalidPayload, "\(field) is longer than \(maximumTextLength) characters")
        }
        return text
    }

    /// An ISO 3166-1 alpha-2 code: two upper-case letters.
    static func checkedCountry(_ text: String, field: String) throws(CertificateError) -> String {
        guard CountryCode.isAlpha2(text) else {
            throw CertificateError(.invalidPayload, "\(field) \(text) is not a two-letter upper-case country code")
        }
        return text
    }

    /// A complete calendar date `YYYY-MM-DD`.
    static func checkedDate(_ text: String, field: String) throws(CertificateError) -> String {
        guard Array(text.utf8).count == 10, isCalendarDate(text) else {
            throw CertificateError(.invalidPayload, "\(field) \(text) is not a date YYYY-MM-DD")
        }
        return text
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, each part a real month and day.
    static func checkedPartialDate(_ text: String, field: String) throws(CertificateError) -> String {
        guard isCalendarDate(text) else {
            throw CertificateError(.invalidPayload, "\(field) \(text) is not YYYY-MM-DD, YYYY-MM or YYYY")
        }
        return text
    }

    /// Whether `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month 01-12 and a day the month has.
    static func isCalendarDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard [4, 7, 10].contains(bytes.count) else { return false }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4) else { return false }
        guard bytes.count > 4 else { return true }
        guard bytes[4] == 0x2D, let month = number(5..<7), (1...12).contains(month) else { return false }
        guard bytes.count > 7 else { return true }
        guard bytes[7] == 0x2D, let day = number(8..<10) else { return false }
        return (1...CivilCalendar.daysIn(month: month, year: year)).contains(day)
    }
}
