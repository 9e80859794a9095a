import CryptoCore

/// A card's compact JWS, read: the header's kid, the inflated payload's claims, and what the signature covers.
/// Nothing here is trusted until ``HealthCardVerifier`` has checked the signature.
struct HealthCardJWS {
    let kid: String
    /// The payload: `iss`, `nbf`, optional `exp`, and `vc`.
    let claims: JSONValue
    let issuer: String
    /// Seconds since 1970; fractional in some issuers' cards.
    let notBefore: Double
    let expires: Double?
    let signingInput: ArraySlice<UInt8>
    let signature: [UInt8]

    /// The three parts, the payload inflated (`inflate`), then header and claims read (`jws`); `inflate` is
    /// nil when the text is not three parts, so there was nothing to inflate.
    static func read(_ jws: [UInt8], checks: inout HealthCardChecks) throws(CertificateError) -> HealthCardJWS {
        let parts = jws.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2])
        else {
            checks.jws = false
            throw CertificateError(.invalidJWS, "not three base64url parts")
        }
        let inflated: [UInt8]
        do {
            inflated = try HealthCardDeflate.decompress(payload)
            checks.inflate = true
        } catch {
            checks.inflate = false
            throw error
        }
        do {
            let card = try HealthCardJWS(
                header: header, payload: inflated, signingInput: jws[..<parts[1].endIndex], signature: signature)
            checks.jws = true
            return card
        } catch {
            checks.jws = false
            throw error
        }
    }

    private init(header: [UInt8], payload: [UInt8], signingInput: ArraySlice<UInt8>, signature: [UInt8])
        throws(CertificateError)
    {
        guard let header = try? JSONValue(parsing: header),
            header["alg"]?.stringValue == "ES256", header["zip"]?.stringValue == "DEF",
            let kid = header["kid"]?.stringValue
        else {
            throw CertificateError(.invalidJWS, "the header is not {alg: ES256, zip: DEF, kid}")
        }
        guard let claims = try? JSONValue(parsing: payload),
            let issuer = claims["iss"]?.stringValue, let notBefore = claims["nbf"]?.numberValue,
            case .object = claims["vc"]?["credentialSubject"]?["fhirBundle"]
        else {
            throw CertificateError(
                .invalidJWS, "the payload has no iss, numeric nbf or vc.credentialSubject.fhirBundle")
        }
        let expires = claims["exp"]
        guard expires == nil || expires?.numberValue != nil else {
            throw CertificateError(.invalidJWS, "exp is not a number")
        }
        self.kid = kid
        self.claims = claims
        self.issuer = issuer
        self.notBefore = notBefore
        self.expires = expires?.numberValue
        self.signingInput = signingInput
        self.signature = signature
    }

    /// The revocation identifier, when the card has one.
    var revocationID: String? { claims["vc"]?["rid"]?.stringValue }

    var bundle: JSONValue { claims["vc"]?["credentialSubject"]?["fhirBundle"] ?? .null }
}

extension JSONValue {
    /// The value as a number, integer or not.
    var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}
