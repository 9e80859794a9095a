/// The validated facts about a person that enrolment, dependants and walk-in registration take.
public struct PersonDetails: Sendable, Hashable {
    public let nationalID: NationalID
    public let dateOfBirth: CalendarDate
    public let name: PersonName
    public let phone: String?

    /// Checks every field; `today` bounds the date of birth.
    public init(nationalId: String, dateOfBirth: String, names: PersonNameFields, phone: String?, today: CalendarDate)
        throws(ServiceError)
    {
        let nationalID = try NationalID.checked(nationalId)
        guard let birth = CalendarDate(iso8601: dateOfBirth) else {
            throw ServiceError(.invalidDateOfBirth, "dateOfBirth must be a date written YYYY-MM-DD.")
        }
        guard birth <= today, birth.year >= 1900 else {
            throw ServiceError(.invalidDateOfBirth, "dateOfBirth must be between 1900-01-01 and today.")
        }
        let name = try PersonName(checking: names)
        if let phone, !Self.isE164(phone) {
            throw ServiceError(.invalidPhone, "phone must be an E.164 mobile number such as +97336001234.")
        }
        self.nationalID = nationalID
        self.dateOfBirth = birth
        self.name = name
        self.phone = phone
    }

    /// `+`, a non-zero digit, then 7 to 14 more digits (ITU-T E.164).
    static func isE164(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 9, bytes.count <= 16, bytes[0] == UInt8(ascii: "+"), bytes[1] != UInt8(ascii: "0") else {
            return false
        }
        return bytes.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}

extension String {
    /// The string without leading and trailing white space.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// At most `maxLength` Unicode scalars, none of them a control character: the rule for free text, counted as
    /// sent (before trimming) so that the OpenAPI document's `maxLength` and `pattern` state it exactly.
    package func isPlainText(maxLength: Int) -> Bool {
        unicodeScalars.count <= maxLength
            && !unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    }
}

extension ServiceError.Code {
    public static let invalidNationalID = Self("invalid-national-id", .invalidInput)
    public static let invalidDateOfBirth = Self("invalid-date-of-birth", .invalidInput)
    public static let invalidName = Self("invalid-name", .invalidInput)
    public static let invalidPhone = Self("invalid-phone", .invalidInput)
}
