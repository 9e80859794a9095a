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

    /// A name written in the source; the packing folds to a constant when inlined.
    @inline(__always)
    init(literal name: StaticString) {
        let bits = name.withUTF8Buffer { bytes in
            precondition(bytes.count < 8, "a packed member name holds at most seven bytes")
            var bits = UInt64(bytes.count) << 56
            for index in 0..<bytes.count { bits |= UInt64(bytes[index]) << (8 * UInt64(index)) }
            return bits
        }
        self.init(bits: bits)
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

/// The member names eu-dcc-schema constrains (hcert spec and the DCC value sets use these short forms), as
/// constants rather than lazily initialised globals.
extension DCCMemberName {
    static var version: DCCMemberName { DCCMemberName(literal: "ver") }
    static var name: DCCMemberName { DCCMemberName(literal: "nam") }
    static var dateOfBirth: DCCMemberName { DCCMemberName(literal: "dob") }
    static var familyName: DCCMemberName { DCCMemberName(literal: "fn") }
    static var givenName: DCCMemberName { DCCMemberName(literal: "gn") }
    static var standardisedFamilyName: DCCMemberName { DCCMemberName(literal: "fnt") }
    static var standardisedGivenName: DCCMemberName { DCCMemberName(literal: "gnt") }
    static var disease: DCCMemberName { DCCMemberName(literal: "tg") }
    static var vaccine: DCCMemberName { DCCMemberName(literal: "vp") }
    static var medicinalProduct: DCCMemberName { DCCMemberName(literal: "mp") }
    static var manufacturer: DCCMemberName { DCCMemberName(literal: "ma") }
    static var doseNumber: DCCMemberName { DCCMemberName(literal: "dn") }
    static var totalDoses: DCCMemberName { DCCMemberName(literal: "sd") }
    static var vaccinationDate: DCCMemberName { DCCMemberName(literal: "dt") }
    static var country: DCCMemberName { DCCMemberName(literal: "co") }
    static var issuer: DCCMemberName { DCCMemberName(literal: "is") }
    static var certificateIdentifier: DCCMemberName { DCCMemberName(literal: "ci") }
    static var testType: DCCMemberName { DCCMemberName(literal: "tt") }
    static var testName: DCCMemberName { DCCMemberName(literal: "nm") }
    static var sampleCollected: DCCMemberName { DCCMemberName(literal: "sc") }
    static var testResult: DCCMemberName { DCCMemberName(literal: "tr") }
    static var testingCentre: DCCMemberName { DCCMemberName(literal: "tc") }
    static var testResultDate: DCCMemberName { DCCMemberName(literal: "dr") }
    static var firstPositiveResult: DCCMemberName { DCCMemberName(literal: "fr") }
    static var validFrom: DCCMemberName { DCCMemberName(literal: "df") }
    static var validUntil: DCCMemberName { DCCMemberName(literal: "du") }
}
