import CryptoCore

/// Validates an hcert against the eu-dcc-schema combined schema's rules (types, required members, patterns,
/// lengths, item counts, dose bounds), plus the hcert spec's "exactly one of v, t, r".
///
/// Members are found through ``DCCMemberIndex`` (first member of a name wins, as `JSONValue.subscript` has it), and
/// the path of a violation is only put together when there is one.
struct DCCSchemaValidator {
    let json: JSONValue
    let rules: DCCSchemaRules

    init(json: JSONValue) {
        self.json = json
        self.rules = DCCSchemaRules.forVersion(json["ver"]?.stringValue)
    }

    /// Each certificate type with the member name of its group, in the order the types are declared.
    static let groups: [(CertificateType, DCCMemberName)] = CertificateType.allCases.map {
        ($0, DCCMemberName($0.rawValue))
    }

    func violation(_ path: String, _ message: String) -> CertificateError {
        CertificateError(.schemaViolation, "\(path): \(message)")
    }

    func validate() throws(CertificateError) {
        guard case .object(let members) = json else { throw violation("/", "not an object") }
        try DCCMemberIndex.with(members) { (payload) throws(CertificateError) in try validate(payload) }
    }

    func validate(_ payload: DCCMemberIndex) throws(CertificateError) {
        let version = payload[.version]
        let name = payload[.name]
        let dateOfBirth = payload[.dateOfBirth]
        if version == nil { throw violation("/", "missing required ver") }
        if name == nil { throw violation("/", "missing required nam") }
        if dateOfBirth == nil { throw violation("/", "missing required dob") }
        var group: (type: CertificateType, entries: JSONValue)?
        var groupCount = 0
        for (type, memberName) in Self.groups {
            guard let entries = payload[memberName] else { continue }
            groupCount += 1
            group = (type, entries)
        }
        guard groupCount == 1, let group else {
            throw violation("/", "holds \(groupCount) of v, t, r instead of one")
        }
        guard matchesVersionPattern(try string(version, "/ver")) else {
            throw violation("/ver", "not a semantic version")
        }
        try validateName(name)
        try validateBirthDate(try string(dateOfBirth, "/dob"))
        try validateGroup(group.entries, type: group.type)
    }

    /// The text of a string value; JSON Schema's maxLength counts code points, checked when `maxLength` is given.
    @discardableResult
    func string(
        _ value: JSONValue?,
        _ path: @autoclosure () -> String,
        maxLength: Int? = nil
    ) throws(CertificateError) -> String {
        guard case .string(let text) = value else { throw violation(path(), "not a string") }
        // Only text longer in UTF-8 bytes than the limit can have more code points than it.
        if let maxLength, text.utf8.count > maxLength, text.unicodeScalars.count > maxLength {
            throw violation(path(), "longer than \(maxLength) characters")
        }
        return text
    }

    /// `^\d+.\d+.\d+$`, where `.` is any character.
    func matchesVersionPattern(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        for part in 0..<3 {
            var digits = 0
            while let scalar = next, ("0"..."9").contains(scalar) {
                digits += 1
                next = scalars.next()
            }
            guard digits > 0 else { return false }
            if part < 2 {
                guard next != nil else { return false }
                next = scalars.next()
            }
        }
        return next == nil
    }

    func validateName(_ value: JSONValue?) throws(CertificateError) {
        guard case .object(let members) = value else { throw violation("/nam", "not an object") }
        try DCCMemberIndex.with(members) { (name) throws(CertificateError) in try validateName(name) }
    }

    func validateName(_ name: DCCMemberIndex) throws(CertificateError) {
        let standardisedFamilyName = name[.standardisedFamilyName]
        let standardisedGivenName = name[.standardisedGivenName]
        try validateNamePart(name[.familyName], field: "fn")
        try validateNamePart(name[.givenName], field: "gn")
        try validateNamePart(standardisedFamilyName, field: "fnt", standardised: true)
        try validateNamePart(standardisedGivenName, field: "gnt", standardised: true)
        if rules.standardisedSurnameRequired {
            guard standardisedFamilyName != nil else { throw violation("/nam", "missing required fnt") }
        } else {
            guard standardisedFamilyName != nil || standardisedGivenName != nil else {
                throw violation("/nam", "needs fnt or gnt")
            }
        }
    }

    /// One optional name member: a bounded string, in ICAO 9303 characters `[A-Z<]` when `standardised`.
    func validateNamePart(_ value: JSONValue?, field: String, standardised: Bool = false) throws(CertificateError) {
        guard value != nil else { return }
        let text = try string(value, "/nam/\(field)", maxLength: rules.maxLength)
        guard !standardised || Self.utf8(of: text, allSatisfy: { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x3C }) else {
            throw violation("/nam/\(field)", "not ICAO 9303 characters [A-Z<]")
        }
    }

    func validateBirthDate(_ text: String) throws(CertificateError) {
        var text = text
        let valid = text.withUTF8 { bytes in
            switch rules.birthDate {
            case .fullDateAnywhere: bytes.indices.contains { isFullDate(bytes, at: $0) }
            case .partialDate: isPartialDate(bytes)
            case .partialDateOrEmpty: bytes.isEmpty || isPartialDate(bytes)
            }
        }
        guard valid else { throw violation("/dob", "does not match the date-of-birth pattern") }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether every UTF-8 byte of `text` satisfies `predicate`, read from the string's storage where it can be.
    static func utf8(of text: String, allSatisfy predicate: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(predicate) } ?? text.utf8.allSatisfy(predicate)
    }

    /// `(19|20)\d{2}-\d{2}-\d{2}` at `start` in `bytes`, a date that exists.
    func isFullDate(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard bytes.count - start >= 10, isCentury(bytes[start], bytes[start + 1]) else { return false }
        guard
            Self.isDigit(bytes[start + 2]) && Self.isDigit(bytes[start + 3]) && bytes[start + 4] == 0x2D
                && Self.isDigit(bytes[start + 5]) && Self.isDigit(bytes[start + 6]) && bytes[start + 7] == 0x2D
                && Self.isDigit(bytes[start + 8]) && Self.isDigit(bytes[start + 9])
        else { return false }
        return Self.isRealDate(
            year: Self.number(bytes, start, 4), month: Self.number(bytes, start + 5, 2),
            day: Self.number(bytes, start + 8, 2))
    }

    /// The decimal value of `count` digits at `start`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int64 {
        bytes[start..<start + count].reduce(0) { $0 * 10 + Int64($1 - 0x30) }
    }

    /// Month 01-12 and a day that month has; 00 stands for an unknown month or day (NL writes `1963-00`), nil for
    /// a part left out.
    static func isRealDate(year: Int64, month: Int64?, day: Int64?) -> Bool {
        guard let month, month != 0 else { return (day ?? 0) <= 31 }
        guard month <= 12 else { return false }
        return (day ?? 0) <= CivilCalendar.daysIn(month: month, year: year)
    }

    func isCentury(_ first: UInt8, _ second: UInt8) -> Bool {
        (first == 0x31 && second == 0x39) || (first == 0x32 && second == 0x30)
    }

    /// `^(19|20)\d\d(-\d\d){0,2}$`, a date that exists.
    func isPartialDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10, isCentury(bytes[0], bytes[1]),
            Self.isDigit(bytes[2]), Self.isDigit(bytes[3])
        else { return false }
        var index = 4
        while index < bytes.count {
            guard bytes[index] == 0x2D, Self.isDigit(bytes[index + 1]), Self.isDigit(bytes[index + 2]) else {
                return false
            }
            index += 3
        }
        return Self.isRealDate(
            year: Self.number(bytes, 0, 4), month: bytes.count >= 7 ? Self.number(bytes, 5, 2) : nil,
            day: bytes.count == 10 ? Self.number(bytes, 8, 2) : nil)
    }
}
