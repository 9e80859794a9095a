import Foundation

/// The gateway's JSON form of a batch: `{country, expires, kid, hashType, entries: [{hash}]}`, binary values as
/// standard base64 and `expires` as an ISO 8601 instant.
extension RevocationBatch {
    /// Reads one batch object; any malformed member is an `invalid-revocation-list` error naming it.
    public init(json: JSONValue) throws(CertificateError) {
        guard case .object = json else { throw Self.malformed("the batch is not a JSON object") }
        let country = try Self.string(json, "country")
        let expiresText = try Self.string(json, "expires")
        guard let expires = ISO8601.parse(expiresText) else {
            throw Self.malformed("expires \(expiresText) is not an ISO 8601 instant")
        }
        let kidText = try Self.string(json, "kid")
        var keyID: [UInt8]?
        if kidText != Self.unknownKeyIDText {
            guard let kid = Data(base64Encoded: kidText), kid.count == 8 else {
                throw Self.malformed("kid \(kidText) is neither base64 of 8 bytes nor \(Self.unknownKeyIDText)")
            }
            keyID = Array(kid)
        }
        let hashTypeText = try Self.string(json, "hashType")
        guard let hashType = RevocationHashType(rawValue: hashTypeText) else {
            throw Self.malformed("hashType \(hashTypeText) is not UCI, COUNTRYCODEUCI or SIGNATURE")
        }
        guard case .array(let entries) = json["entries"] else { throw Self.malformed("entries is not an array") }
        var hashes: [[UInt8]] = []
        hashes.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            guard case .string(let text) = entry["hash"] else {
                throw Self.malformed("entries[\(index)] has no hash string")
            }
            guard let hash = Data(base64Encoded: text), hash.count == RevocationSubject.hashByteCount else {
                throw Self.malformed("entries[\(index)].hash is not base64 of 16 bytes")
            }
            hashes.append(Array(hash))
        }
        try self.init(country: country, expires: expires, keyID: keyID, hashType: hashType, hashes: hashes)
    }

    /// The batch as a gateway JSON object.
    public var json: JSONValue {
        .object([
            .init("country", .string(country)),
            .init("expires", .string(ISO8601.format(expires))),
            .init("kid", .string(keyID.map { Data($0).base64EncodedString() } ?? Self.unknownKeyIDText)),
            .init("hashType", .string(hashType.rawValue)),
            .init("entries", .array(hashes.map { .object([.init("hash", .string(Data($0).base64EncodedString()))]) })),
        ])
    }

    static func malformed(_ reason: String) -> CertificateError {
        CertificateError(.invalidRevocationList, reason)
    }

    static func string(_ json: JSONValue, _ name: String) throws(CertificateError) -> String {
        guard case .string(let text) = json[name] else { throw malformed("\(name) is missing or not a string") }
        return text
    }
}
