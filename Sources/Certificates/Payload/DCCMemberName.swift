/// A JSON member name of at most seven UTF-8 bytes, packed with its length into one integer, so the schema validator
/// matches the short names of eu-dcc-schema by comparing integers instead of strings.
struct DCCMemberName: Hashable, CustomStringConvertible {
    /// The bytes little-endian in the low seven bytes and the length in the top byte; `unmatched` for longer names.
    let bits: UInt64

    /// Stands for every name longer than seven bytes: the schema constrains none, so none of them needs matching.
    static let unmatched = DCCMemberName(bits: .max)

    private init(bits: UInt64) {
        self.bits = bits
    }

    init(_ name: String) {
        let count = name.utf8.count
        guard count < 8 else {
            self = .unmatched
            return
        }
        var bits = UInt64(count) << 56
        let packed = name.utf8.withContiguousStorageIfAvailable { bytes in
            for index in 0..<bytes.count { bits |= UInt64(bytes[index]) << (8 * UInt64(index)) }
            return bits
        }
        if let packed {
            self.bits = packed
        } else {
            for (index, byte) in name.utf8.enumerated() { bits |= UInt64(byte) << (8 * UInt64(index)) }
            self.bits = bits
        }
    }

    /// The name as text, for error messages.
    var description: String {
        guard self != .unmatched else { return "(long name)" }
        let count = Int(bits >> 56)
        return String(decoding: (0..<count).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }, as: UTF8.self)
    }
}

/// The members of one JSON object with their names packed, for lookups by name during one validation.
struct DCCMemberIndex {
    let members: [JSONValue.Member]
    let names: UnsafeBufferPointer<DCCMemberName>

    /// The value of the first member called `name`, as `JSONValue.subscript(_:)` finds it; nil when there is none.
    subscript(name: DCCMemberName) -> JSONValue? {
        for index in names.indices where names[index] == name { return members[index].value }
        return nil
    }

    /// Calls `body` with an index of `members`, its packed names held in stack memory for the call.
    static func with<Result>(
        _ members: [JSONValue.Member],
        _ body: (DCCMemberIndex) throws(CertificateError) -> Result
    ) throws(CertificateError) -> Result {
        try withUnsafeTemporaryAllocation(of: DCCMemberName.self, capacity: members.count) {
            (names) throws(CertificateError) -> Result in
            for index in members.indices { names.initializeElement(at: index, to: DCCMemberName(members[index].key)) }
            return try body(DCCMemberIndex(members: members, names: UnsafeBufferPointer(names)))
        }
    }
}

/// The member names eu-dcc-schema constrains (hcert spec and the DCC value sets use these short forms).
extension DCCMemberName {
    static let version = DCCMemberName("ver")
    static let name = DCCMemberName("nam")
    static let dateOfBirth = DCCMemberName("dob")
    static let familyName = DCCMemberName("fn")
    static let givenName = DCCMemberName("gn")
    static let standardisedFamilyName = DCCMemberName("fnt")
    static let standardisedGivenName = DCCMemberName("gnt")
    static let disease = DCCMemberName("tg")
    static let vaccine = DCCMemberName("vp")
    static let medicinalProduct = DCCMemberName("mp")
    static let manufacturer = DCCMemberName("ma")
    static let doseNumber = DCCMemberName("dn")
    static let totalDoses = DCCMemberName("sd")
    static let vaccinationDate = DCCMemberName("dt")
    static let country = DCCMemberName("co")
    static let issuer = DCCMemberName("is")
    static let certificateIdentifier = DCCMemberName("ci")
    static let testType = DCCMemberName("tt")
    static let testName = DCCMemberName("nm")
    static let sampleCollected = DCCMemberName("sc")
    static let testResult = DCCMemberName("tr")
    static let testingCentre = DCCMemberName("tc")
    static let testResultDate = DCCMemberName("dr")
    static let firstPositiveResult = DCCMemberName("fr")
    static let validFrom = DCCMemberName("df")
    static let validUntil = DCCMemberName("du")
}
