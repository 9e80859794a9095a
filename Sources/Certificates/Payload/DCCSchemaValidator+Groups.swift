/// The v, t and r groups and their entries.
extension DCCSchemaValidator {
    static let requiredVaccination = ["tg", "vp", "mp", "ma", "dn", "sd", "dt", "co", "is", "ci"]
    static let requiredTestWithCentre = ["tg", "tt", "sc", "tr", "tc", "co", "is", "ci"]
    static let requiredTest = ["tg", "tt", "sc", "tr", "co", "is", "ci"]
    static let requiredRecovery = ["tg", "fr", "co", "is", "df", "du", "ci"]
    static let plainVaccination = ["tg", "vp", "mp", "ma", "dt"]
    static let plainTest = ["tg", "tt", "ma", "sc", "tr", "dr"]
    static let plainRecovery = ["tg", "fr", "df", "du"]
    static let boundedIdentifiers = ["is", "ci"]
    static let doses = ["dn", "sd"]

    /// Required members of each entry, by type and schema generation.
    func requiredMembers(_ type: CertificateType) -> [String] {
        switch type {
        case .vaccination: Self.requiredVaccination
        case .test: rules.testCentreRequired ? Self.requiredTestWithCentre : Self.requiredTest
        case .recovery: Self.requiredRecovery
        }
    }

    /// Members that are plain strings without further constraints in the schema.
    func plainStringMembers(_ type: CertificateType) -> [String] {
        switch type {
        case .vaccination: Self.plainVaccination
        case .test: Self.plainTest
        case .recovery: Self.plainRecovery
        }
    }

    func validateGroup(_ type: CertificateType) throws(CertificateError) {
        let path = "/\(type.rawValue)"
        guard case .array(let entries) = json[type.rawValue] else { throw violation(path, "not an array") }
        guard !entries.isEmpty else { throw violation(path, "has no entry") }
        if rules.singleEntryGroups && entries.count > 1 { throw violation(path, "has more than one entry") }
        for (index, entry) in entries.enumerated() {
            try validateEntry(entry, type: type, path: "\(path)/\(index)")
        }
    }

    func validateEntry(_ entry: JSONValue, type: CertificateType, path: String) throws(CertificateError) {
        guard case .object = entry else { throw violation(path, "not an object") }
        for name in requiredMembers(type) where entry[name] == nil {
            throw violation(path, "missing required \(name)")
        }
        for name in plainStringMembers(type) where entry[name] != nil {
            _ = try string(entry[name], "\(path)/\(name)")
        }
        for name in Self.boundedIdentifiers where entry[name] != nil {
            _ = try string(entry[name], "\(path)/\(name)", maxLength: rules.maxLength)
        }
        if let country = entry["co"] {
            let text = try string(country, "\(path)/co")
            guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else {
                throw violation("\(path)/co", "has no upper-case country letter")
            }
        }
        if type == .vaccination {
            for name in Self.doses where entry[name] != nil { try validateDose(entry[name], "\(path)/\(name)") }
        }
        if type == .test {
            if entry["tc"] != nil { _ = try string(entry["tc"], "\(path)/tc", maxLength: rules.maxLength) }
            if entry["nm"] != nil { _ = try string(entry["nm"], "\(path)/nm", maxLength: rules.testNameMaxLength) }
        }
    }

    func validateDose(_ value: JSONValue?, _ path: String) throws(CertificateError) {
        guard let dose = value?.integerValue, value != .bool(true), value != .bool(false) else {
            throw violation(path, "not an integer")
        }
        guard dose >= 1 else { throw violation(path, "below 1") }
        if let maximum = rules.doseMaximum, dose > maximum { throw violation(path, "above \(maximum)") }
    }
}
