/// The v, t and r groups and their entries.
extension DCCSchemaValidator {
    static let requiredVaccination: [DCCMemberName] = [
        .disease, .vaccine, .medicinalProduct, .manufacturer, .doseNumber, .totalDoses, .vaccinationDate, .country,
        .issuer, .certificateIdentifier,
    ]
    static let requiredTestWithCentre: [DCCMemberName] = [
        .disease, .testType, .sampleCollected, .testResult, .testingCentre, .country, .issuer, .certificateIdentifier,
    ]
    static let requiredTest: [DCCMemberName] = [
        .disease, .testType, .sampleCollected, .testResult, .country, .issuer, .certificateIdentifier,
    ]
    static let requiredRecovery: [DCCMemberName] = [
        .disease, .firstPositiveResult, .country, .issuer, .validFrom, .validUntil, .certificateIdentifier,
    ]
    static let plainVaccination: [DCCMemberName] = [
        .disease, .vaccine, .medicinalProduct, .manufacturer, .vaccinationDate,
    ]
    static let plainTest: [DCCMemberName] = [
        .disease, .testType, .manufacturer, .sampleCollected, .testResult, .testResultDate,
    ]
    static let plainRecovery: [DCCMemberName] = [.disease, .firstPositiveResult, .validFrom, .validUntil]
    static let boundedIdentifiers: [DCCMemberName] = [.issuer, .certificateIdentifier]

    /// Required members of each entry, by type and schema generation.
    func requiredMembers(_ type: CertificateType) -> [DCCMemberName] {
        switch type {
        case .vaccination: Self.requiredVaccination
        case .test: rules.testCentreRequired ? Self.requiredTestWithCentre : Self.requiredTest
        case .recovery: Self.requiredRecovery
        }
    }

    /// Members that are plain strings without further constraints in the schema.
    func plainStringMembers(_ type: CertificateType) -> [DCCMemberName] {
        switch type {
        case .vaccination: Self.plainVaccination
        case .test: Self.plainTest
        case .recovery: Self.plainRecovery
        }
    }

    func validateGroup(_ value: JSONValue, type: CertificateType) throws(CertificateError) {
        guard case .array(let entries) = value else { throw violation("/\(type.rawValue)", "not an array") }
        guard !entries.isEmpty else { throw violation("/\(type.rawValue)", "has no entry") }
        if rules.singleEntryGroups && entries.count > 1 {
            throw violation("/\(type.rawValue)", "has more than one entry")
        }
        for index in entries.indices {
            guard case .object(let members) = entries[index] else {
                throw violation("/\(type.rawValue)/\(index)", "not an object")
            }
            try DCCMemberIndex.with(members) { (entry) throws(CertificateError) in
                try validateEntry(entry, type: type, path: EntryPath(type: type, index: index))
            }
        }
    }

    /// Where an entry sits (`/v/0`), turned into text only for a violation.
    struct EntryPath: CustomStringConvertible {
        let type: CertificateType
        let index: Int

        var description: String { "/\(type.rawValue)/\(index)" }
    }

    func validateEntry(_ entry: DCCMemberIndex, type: CertificateType, path: EntryPath) throws(CertificateError) {
        for name in requiredMembers(type) where entry[name] == nil {
            throw violation("\(path)", "missing required \(name)")
        }
        for name in plainStringMembers(type) {
            if let value = entry[name] { try string(value, "\(path)/\(name)") }
        }
        for name in Self.boundedIdentifiers {
            if let value = entry[name] { try string(value, "\(path)/\(name)", maxLength: rules.maxLength) }
        }
        if let country = entry[.country] {
            let text = try string(country, "\(path)/co")
            guard !Self.utf8(of: text, allSatisfy: { $0 < 0x41 || $0 > 0x5A }) else {
                throw violation("\(path)/co", "has no upper-case country letter")
            }
        }
        if type == .vaccination {
            if let dose = entry[.doseNumber] { try validateDose(dose, "\(path)/dn") }
            if let dose = entry[.totalDoses] { try validateDose(dose, "\(path)/sd") }
        }
        if type == .test {
            if let centre = entry[.testingCentre] {
                try string(centre, "\(path)/tc", maxLength: rules.maxLength)
            }
            if let name = entry[.testName] { try string(name, "\(path)/nm", maxLength: rules.testNameMaxLength) }
        }
    }

    func validateDose(_ value: JSONValue, _ path: @autoclosure () -> String) throws(CertificateError) {
        guard let dose = value.integerValue, value != .bool(true), value != .bool(false) else {
            throw violation(path(), "not an integer")
        }
        guard dose >= 1 else { throw violation(path(), "below 1") }
        if let maximum = rules.doseMaximum, dose > maximum { throw violation(path(), "above \(maximum)") }
    }
}
