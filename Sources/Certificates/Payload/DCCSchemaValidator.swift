/// Validates an hcert against the eu-dcc-schema combined schema's rules (types, required members, patterns,
/// lengths, item counts, dose bounds), plus the hcert spec's "exactly one of v, t, r".
struct DCCSchemaValidator {
    let json: JSONValue
    let rules: DCCSchemaRules

    init(json: JSONValue) {
        self.json = json
        self.rules = DCCSchemaRules.forVersion(json["ver"]?.stringValue)
    }

    func violation(_ path: String, _ message: String) -> CertificateError {
        CertificateError(.schemaViolation, "\(path): \(message)")
    }

    func validate() throws(CertificateError) {
        guard case .object = json else { throw violation("/", "not an object") }
        for name in ["ver", "nam", "dob"] where json[name] == nil {
            throw violation("/", "missing required \(name)")
        }
        let groups = CertificateType.allCases.filter { json[$0.rawValue] != nil }
        guard groups.count == 1 else { throw violation("/", "holds \(groups.count) of v, t, r instead of one") }
        let version = try string(json["ver"], "/ver")
        guard matchesVersionPattern(version) else { throw violation("/ver", "not a semantic version") }
        try validateName(json["nam"])
        try validateBirthDate(try string(json["dob"], "/dob"))
        for type in groups { try validateGroup(type) }
    }

    func string(_ value: JSONValue?, _ path: String, maxLength: Int? = nil) throws(CertificateError) -> String {
        guard case .string(let text) = value else { throw violation(path, "not a string") }
        // JSON Schema counts code points; only text longer in UTF-8 bytes than the limit can exceed it.
        if let maxLength, text.utf8.count > maxLength, text.unicodeScalars.count > maxLength {
            throw violation(path, "longer than \(maxLength) characters")
        }
        return text
    }

    /// `^\d+.\d+.\d+$`, where `.` is any character.
    func matchesVersionPattern(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        for part in 0..<3 {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard index > start else { return false }
            if part < 2 {
                guard index < scalars.count else { return false }
                index += 1
            }
        }
        return index == scalars.count
    }

    func validateName(_ value: JSONValue?) throws(CertificateError) {
        guard case .object = value, let name = value else { throw violation("/nam", "not an object") }
        for field in ["fn", "gn"] where name[field] != nil {
            _ = try string(name[field], "/nam/\(field)", maxLength: rules.maxLength)
        }
        for field in ["fnt", "gnt"] where name[field] != nil {
            let text = try string(name[field], "/nam/\(field)", maxLength: rules.maxLength)
            guard text.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x3C }) else {
                throw violation("/nam/\(field)", "not ICAO 9303 characters [A-Z<]")
            }
        }
        if rules.standardisedSurnameRequired {
            guard name["fnt"] != nil else { throw violation("/nam", "missing required fnt") }
        } else {
            guard name["fnt"] != nil || name["gnt"] != nil else { throw violation("/nam", "needs fnt or gnt") }
        }
    }

    func validateBirthDate(_ text: String) throws(CertificateError) {
        let digits = Array(text.utf8)
        let valid: Bool
        switch rules.birthDate {
        case .fullDateAnywhere:
            valid = digits.indices.contains { isFullDate(digits[$0...]) }
        case .partialDate:
            valid = isPartialDate(digits[...])
        case .partialDateOrEmpty:
            valid = digits.isEmpty || isPartialDate(digits[...])
        }
        guard valid else { throw violation("/dob", "does not match the date-of-birth pattern") }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `(19|20)\d{2}-\d{2}-\d{2}` at the start of `bytes`.
    func isFullDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let shape = Array(bytes.prefix(10))
        guard shape.count == 10, isCentury(shape[0], shape[1]) else { return false }
        return [2, 3, 5, 6, 8, 9].allSatisfy { Self.isDigit(shape[$0]) } && shape[4] == 0x2D && shape[7] == 0x2D
    }

    func isCentury(_ first: UInt8, _ second: UInt8) -> Bool {
        (first == 0x31 && second == 0x39) || (first == 0x32 && second == 0x30)
    }

    /// `^(19|20)\d\d(-\d\d){0,2}$`.
    func isPartialDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let shape = Array(bytes)
        guard [4, 7, 10].contains(shape.count), isCentury(shape[0], shape[1]),
            Self.isDigit(shape[2]), Self.isDigit(shape[3])
        else { return false }
        var index = 4
        while index < shape.count {
            guard shape[index] == 0x2D, Self.isDigit(shape[index + 1]), Self.isDigit(shape[index + 2]) else {
                return false
            }
            index += 3
        }
        return true
    }
}
